<?php
/**
 * Installs the e2e multisite with WordPress's own functions (no wp-cli).
 *
 *   php install.php core    single-site wp_install(), then install_network() + populate_network()
 *                           (the same calls wp-admin/network.php makes); MULTISITE is off here
 *   php install.php sites   with MULTISITE on: creates the subsites, flags the ineligible ones,
 *                           maps one blog to its own domain, adds network 2; prints KEY=VALUE lines
 *
 * Two processes because MULTISITE must be false while the tables are created and true afterwards,
 * and a constant cannot change inside one PHP process.
 */

$phase = isset( $argv[1] ) ? $argv[1] : '';
if ( 'core' === $phase ) {
	define( 'WP_INSTALLING', true );
	define( 'ASC_E2E_SINGLE_SITE', true ); // read by the generated wp-config.php
} elseif ( 'sites' !== $phase ) {
	fwrite( STDERR, "usage: install.php core|sites\n" );
	exit( 2 );
}

require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$port         = asc_e2e_env( 'WP_PORT' );
$main_domain  = '127.0.0.1:' . $port; // WordPress stores the port as part of the domain
$main_url     = 'http://' . $main_domain;
$admin_email  = 'admin@example.invalid';

function asc_e2e_fail( $msg ) {
	fwrite( STDERR, "install.php: $msg\n" );
	exit( 1 );
}

function asc_e2e_install_core( $main_domain, $main_url, $admin_email ) {
	global $wpdb;
	if ( is_blog_installed() ) {
		asc_e2e_fail( 'database is not empty; setup.sh drops it before a fresh install' );
	}
	$result = wp_install( 'E2E Main Site', 'admin', $admin_email, true, '', 'asc-e2e-admin-pw' );
	if ( is_wp_error( $result ) || empty( $result['user_id'] ) ) {
		asc_e2e_fail( 'wp_install failed' );
	}
	// wp_install() guesses the URL from the CLI environment; set it exactly.
	update_option( 'siteurl', $main_url );
	update_option( 'home', $main_url );

	// What wp-admin/network.php does on "Install": name the multisite global tables (wpdb knows
	// them only when MULTISITE is on), create them, then network 1 with blog 1.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed_table ) {
		$wpdb->$table = $prefixed_table;
	}
	install_network();
	$r = populate_network( 1, $main_domain, $admin_email, 'E2E Network', '/', false );
	if ( is_wp_error( $r ) ) {
		asc_e2e_fail( 'populate_network(1): ' . $r->get_error_message() );
	}

	// The record table: one row per execution of the cron hook, for every blog of every network.
	$wpdb->query(
		'CREATE TABLE IF NOT EXISTS asc_e2e_runs (
			id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
			blog_id BIGINT UNSIGNED NOT NULL,
			network_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
			hook VARCHAR(191) NOT NULL,
			http_host VARCHAR(191) NOT NULL DEFAULT \'\',
			scheme VARCHAR(5) NOT NULL DEFAULT \'\',
			ran_at DATETIME NOT NULL,
			KEY blog_id (blog_id)
		) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4'
	);
	if ( $wpdb->last_error ) {
		asc_e2e_fail( 'create asc_e2e_runs: ' . $wpdb->last_error );
	}
}

/**
 * Kinds of blogs 2..N in creation order. Specials are interleaved with eligible ones so that
 * eligible ids are not contiguous (exercises keyset paging and filtering).
 */
function asc_e2e_layout( $total ) {
	$specials = array( 'archived', 'spam', 'deleted', 'private', 'mapped', 'network2' );
	$regular  = $total - 1 - count( $specials );
	if ( $regular < 1 ) {
		asc_e2e_fail( 'WP_SITES must be at least ' . ( 2 + count( $specials ) ) );
	}
	$kinds = array();
	while ( $specials || $regular > 0 ) {
		if ( $regular > 0 ) {
			$kinds[] = 'eligible';
			$regular--;
		}
		if ( $specials ) {
			$kinds[] = array_shift( $specials );
		}
	}
	return $kinds;
}

function asc_e2e_create( $domain, $path, $title, $network_id, $options = array() ) {
	global $wpdb;
	// wpmu_create_blog() defaults to public=0 ("discourage search engines"): say public=1 unless
	// the caller wants a non-public blog.
	$options = array_merge( array( 'public' => 1 ), $options );
	$id      = wpmu_create_blog( $domain, $path, $title, 1, $options, $network_id );
	if ( is_wp_error( $id ) ) {
		asc_e2e_fail( "wpmu_create_blog($domain$path): " . $id->get_error_message() );
	}
	$id = (int) $id;
	// Trap: wpmu_create_blog()/wp_insert_site() pass the domain through sanitize_user(), which
	// drops the ':' of "127.0.0.1:8089" (stored as "127.0.0.18089"). WordPress matches the request
	// Host (port included) against wp_blogs.domain, so store the real host:port and the URLs
	// WordPress would have derived from it (siteurl/home = http://domain + path, no trailing slash).
	$stored = get_site( $id )->domain;
	if ( $stored !== $domain ) {
		$wpdb->update( $wpdb->blogs, array( 'domain' => $domain ), array( 'blog_id' => $id ) );
		clean_blog_cache( $id );
		$url = untrailingslashit( 'http://' . $domain . $path );
		switch_to_blog( $id );
		update_option( 'siteurl', $url );
		update_option( 'home', $url );
		restore_current_blog();
	}
	return $id;
}

function asc_e2e_install_sites( $main_domain, $admin_email ) {
	global $wpdb;
	$total       = (int) asc_e2e_env( 'WP_SITES', '12' );
	$mapped_host = asc_e2e_env( 'WP_MAPPED_DOMAIN' );
	$mapped_url  = 'http://127.0.0.1:' . asc_e2e_env( 'WP_MAPPED_PORT' );
	$out         = array(
		'eligible'   => array( 1 ),
		'ineligible' => array(),
		'network2'   => array(),
		'mapped'     => 0,
	);
	$kinds       = asc_e2e_layout( $total );

	foreach ( $kinds as $i => $kind ) {
		$n     = 2 + $i; // expected blog_id (fresh database: ids are sequential)
		$title = "E2E Site $n ($kind)";
		switch ( $kind ) {
			case 'mapped':
				// wp_blogs says mapped.invalid/ (unresolvable); only its siteurl option reaches it.
				$id = asc_e2e_create( $mapped_host, '/', $title, 1 );
				switch_to_blog( $id );
				update_option( 'siteurl', $mapped_url );
				update_option( 'home', $mapped_url );
				restore_current_blog();
				$out['eligible'][] = $id;
				$out['mapped']     = $id;
				break;
			case 'network2':
				// A second network on the same host under /net2/, with its main site.
				if ( ! get_network( 2 ) ) {
					$r = populate_network( 2, $main_domain, $admin_email, 'E2E Network 2', '/net2/', false );
					if ( is_wp_error( $r ) ) {
						asc_e2e_fail( 'populate_network(2): ' . $r->get_error_message() );
					}
				}
				$id = asc_e2e_create( $main_domain, '/net2/', $title, 2 );
				update_network_option( 2, 'main_site', $id );
				// Ineligible for a service filtered on network 1 (WP_NETWORK_ID); eligible without a filter.
				$out['network2'][]   = $id;
				$out['ineligible'][] = $id;
				break;
			case 'private':
				$id                  = asc_e2e_create( $main_domain, "/site$n/", $title, 1, array( 'public' => 0 ) );
				$out['ineligible'][] = $id;
				break;
			case 'archived':
			case 'spam':
			case 'deleted':
				$id = asc_e2e_create( $main_domain, "/site$n/", $title, 1 );
				$r  = wp_update_site( $id, array( $kind => 1 ) );
				if ( is_wp_error( $r ) ) {
					asc_e2e_fail( "flag $kind on $id: " . $r->get_error_message() );
				}
				$out['ineligible'][] = $id;
				break;
			default:
				$id                = asc_e2e_create( $main_domain, "/site$n/", $title, 1 );
				$out['eligible'][] = $id;
		}
		if ( $id !== $n ) {
			asc_e2e_fail( "expected blog_id $n for $kind, got $id" );
		}
	}
	sort( $out['eligible'] );
	sort( $out['ineligible'] );

	echo 'WP_ELIGIBLE_BLOG_IDS=' . implode( ',', $out['eligible'] ) . "\n";
	echo 'WP_INELIGIBLE_BLOG_IDS=' . implode( ',', $out['ineligible'] ) . "\n";
	echo 'WP_OTHER_NETWORK_BLOG_IDS=' . implode( ',', $out['network2'] ) . "\n";
	echo 'WP_MAPPED_BLOG_ID=' . $out['mapped'] . "\n";
	echo 'WP_MAPPED_SITEURL=' . $mapped_url . "\n";
	foreach ( $kinds as $i => $kind ) {
		echo 'WP_BLOG_KIND_' . ( 2 + $i ) . '=' . $kind . "\n";
	}
}

if ( 'core' === $phase ) {
	asc_e2e_install_core( $main_domain, $main_url, $admin_email );
	echo "core installed\n";
} else {
	if ( ! is_multisite() ) {
		asc_e2e_fail( 'MULTISITE is not on' );
	}
	asc_e2e_install_sites( $main_domain, $admin_email );
	echo "ASC_E2E_INSTALL_OK=1\n";
}
