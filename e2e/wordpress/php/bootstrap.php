<?php
/**
 * Loads WordPress from the PHP CLI as if a request came to the main site, with the rig's config.
 * Debian's /usr/share/wordpress/wp-config.php picks /etc/wordpress/config-<WORDPRESS_CONFIG>.php
 * from $_SERVER['WORDPRESS_CONFIG'] (nginx passes the same value), and keys on HTTP_HOST otherwise.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

function asc_e2e_env( $name, $default = null ) {
	$v = getenv( $name );
	if ( false === $v || '' === $v ) {
		if ( null === $default ) {
			fwrite( STDERR, "missing environment variable $name\n" );
			exit( 2 );
		}
		return $default;
	}
	return $v;
}

$asc_e2e_port = asc_e2e_env( 'WP_PORT' );
// WordPress resolves the blog from HTTP_HOST + REQUEST_URI; the main site is 127.0.0.1:<port>/.
$_SERVER['HTTP_HOST']        = '127.0.0.1:' . $asc_e2e_port;
$_SERVER['SERVER_NAME']      = '127.0.0.1';
$_SERVER['SERVER_PORT']      = $asc_e2e_port;
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
$_SERVER['REMOTE_ADDR']      = '127.0.0.1';
$_SERVER['SCRIPT_NAME']      = '/index.php';
$_SERVER['PHP_SELF']         = '/index.php';
$_SERVER['WORDPRESS_CONFIG'] = asc_e2e_env( 'WP_CONFIG_NAME' );

require '/usr/share/wordpress/wp-load.php';
