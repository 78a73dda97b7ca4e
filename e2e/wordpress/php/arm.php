<?php
/**
 * Arms the rig: empties asc_e2e_runs (and asc_e2e_spans) and, without arguments, gives EVERY blog
 * (eligible or not, every network) exactly one single event `asc_e2e_tick` due 60 s in the past,
 * so a plain GET of its wp-cron.php runs it. Each blog's cron array is reset to that one event
 * and its `doing_cron` lock is dropped, so a run is deterministic: one row per requested eligible
 * blog, nothing else for wp-cron.php to do. Every blog is first put back to normal (siteurl and
 * home restored, no early exit), whatever an earlier scenario did.
 *
 * Scenario arguments (the cron-check tests), each a comma-separated list of blog ids:
 *   due=…        only these blogs get the due event (the others have nothing due); without it,
 *                every blog does
 *   silent=…     wp-cron.php of these exits early under DOING_CRON (answers 200, runs nothing)
 *   nositeurl=…  these lose their `siteurl` option (WordPress takes them for not installed)
 *   busy=…       these have a fresh `doing_cron` lock held by "someone else"
 *   sleep_ms=N   the due event is `asc_e2e_sleep` and sleeps N ms (PHP stays busy after the answer)
 * and one for the whole network (the HTTPS test):
 *   https=1      every blog's `siteurl` and `home` move to the rig's HTTPS listener, as when a
 *                network is moved to HTTPS: http://127.0.0.1:WP_PORT/… becomes
 *                https://127.0.0.1:WP_TLS_PORT/…, the mapped blog's http://127.0.0.1:WP_MAPPED_PORT
 *                becomes https://localhost:WP_TLS_PORT (state file: WP_TLS_URL, WP_MAPPED_TLS_SITEURL)
 */

require __DIR__ . '/bootstrap.php';

global $wpdb;

$args = array();
foreach ( array_slice( $argv, 1 ) as $arg ) {
	list( $key, $value ) = array_pad( explode( '=', $arg, 2 ), 2, '' );
	$args[ $key ] = $value;
}
$list = function ( $key ) use ( $args ) {
	return isset( $args[ $key ] ) && '' !== $args[ $key ] ? array_map( 'intval', explode( ',', $args[ $key ] ) ) : array();
};
$all_due   = ! isset( $args['due'] );
$https     = ! empty( $args['https'] );
$sleep_ms  = isset( $args['sleep_ms'] ) ? (int) $args['sleep_ms'] : 0;
$due_ids   = $list( 'due' );
$silent    = $list( 'silent' );
$nositeurl = $list( 'nositeurl' );
$busy      = $list( 'busy' );

// The HTTPS address of a blog's http URL (siteurl or home), or exit when the rig has none.
function asc_e2e_https_url( $url ) {
	$moves = array(
		asc_e2e_env( 'WP_MAPPED_SITEURL' ) => asc_e2e_env( 'WP_MAPPED_TLS_SITEURL' ),
		asc_e2e_env( 'WP_URL' )            => asc_e2e_env( 'WP_TLS_URL' ),
	);
	foreach ( $moves as $from => $to ) {
		if ( $url === $from || 0 === strpos( $url, $from . '/' ) ) {
			return $to . substr( $url, strlen( $from ) );
		}
	}
	fwrite( STDERR, "arm.php: no HTTPS address for $url (run setup.sh again)\n" );
	exit( 1 );
}

$wpdb->query( 'TRUNCATE TABLE asc_e2e_runs' );
if ( $wpdb->last_error ) {
	fwrite( STDERR, 'arm.php: ' . $wpdb->last_error . "\n" );
	exit( 1 );
}
$wpdb->query(
	'CREATE TABLE IF NOT EXISTS asc_e2e_spans (
		id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
		blog_id BIGINT NOT NULL,
		started DOUBLE NOT NULL,
		ended DOUBLE NOT NULL
	)'
);
$wpdb->query( 'TRUNCATE TABLE asc_e2e_spans' );

$due   = time() - 60;
$ids   = array_map( 'intval', $wpdb->get_col( "SELECT blog_id FROM {$wpdb->blogs} ORDER BY blog_id" ) );
$armed = array();
foreach ( $ids as $id ) {
	switch_to_blog( $id );
	// Back to normal first: an earlier scenario may have moved or removed siteurl and home, or
	// silenced the blog.
	foreach ( array( 'siteurl', 'home' ) as $name ) {
		$backup = get_option( "asc_e2e_{$name}_backup" );
		if ( $backup ) {
			update_option( $name, $backup );
			delete_option( "asc_e2e_{$name}_backup" );
		}
	}
	delete_option( 'asc_e2e_silent_cron' );
	_set_cron_array( array() );            // drop core events: they would do other work (and HTTP)
	delete_transient( 'doing_cron' );      // a stale lock would make wp-cron.php return silently
	if ( $all_due || in_array( $id, $due_ids, true ) ) {
		$hook  = $sleep_ms > 0 ? 'asc_e2e_sleep' : 'asc_e2e_tick';
		$event = $sleep_ms > 0 ? array( $sleep_ms ) : array();
		$r     = wp_schedule_single_event( $due, $hook, $event, true );
		if ( is_wp_error( $r ) || ! wp_next_scheduled( $hook, $event ) ) {
			fwrite( STDERR, "arm.php: could not schedule on blog $id\n" );
			exit( 1 );
		}
		$armed[] = $id;
	}
	if ( in_array( $id, $silent, true ) ) {
		update_option( 'asc_e2e_silent_cron', 1 );
	}
	if ( in_array( $id, $busy, true ) ) {
		set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) ) );
	}
	if ( $https ) {
		foreach ( array( 'siteurl', 'home' ) as $name ) {
			$url = get_option( $name );
			update_option( "asc_e2e_{$name}_backup", $url );
			update_option( $name, asc_e2e_https_url( $url ) );
		}
	}
	if ( in_array( $id, $nositeurl, true ) ) {
		if ( ! get_option( 'asc_e2e_siteurl_backup' ) ) {
			update_option( 'asc_e2e_siteurl_backup', get_option( 'siteurl' ) );
		}
		delete_option( 'siteurl' );
	}
	restore_current_blog();
}
echo 'armed blogs: ' . implode( ',', $armed ) . "\n";
