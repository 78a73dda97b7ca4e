<?php
/**
 * Arms the rig: empties asc_e2e_runs (and asc_e2e_spans) and, without arguments, gives EVERY blog
 * (eligible or not, every network) exactly one single event `asc_e2e_tick` due 60 s in the past,
 * so a plain GET of its wp-cron.php runs it. Each blog's cron array is reset to that one event
 * and its `doing_cron` lock is dropped, so a run is deterministic: one row per requested eligible
 * blog, nothing else for wp-cron.php to do. Every blog is first put back to normal (siteurl
 * restored, no early exit), whatever an earlier scenario did.
 *
 * Scenario arguments (the cron-check test), each a comma-separated list of blog ids:
 *   due=…        only these blogs get the due event (the others have nothing due)
 *   silent=…     wp-cron.php of these exits early under DOING_CRON (answers 200, runs nothing)
 *   nositeurl=…  these lose their `siteurl` option (WordPress takes them for not installed)
 *   busy=…       these have a fresh `doing_cron` lock held by "someone else"
 *   sleep_ms=N   the due event is `asc_e2e_sleep` and sleeps N ms (PHP stays busy after the answer)
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
$scenario  = ! empty( $args );
$sleep_ms  = isset( $args['sleep_ms'] ) ? (int) $args['sleep_ms'] : 0;
$due_ids   = $list( 'due' );
$silent    = $list( 'silent' );
$nositeurl = $list( 'nositeurl' );
$busy      = $list( 'busy' );

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
	// Back to normal first: an earlier scenario may have removed siteurl or silenced the blog.
	$backup = get_option( 'asc_e2e_siteurl_backup' );
	if ( $backup ) {
		update_option( 'siteurl', $backup );
		delete_option( 'asc_e2e_siteurl_backup' );
	}
	delete_option( 'asc_e2e_silent_cron' );
	_set_cron_array( array() );            // drop core events: they would do other work (and HTTP)
	delete_transient( 'doing_cron' );      // a stale lock would make wp-cron.php return silently
	if ( ! $scenario || in_array( $id, $due_ids, true ) ) {
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
	if ( in_array( $id, $nositeurl, true ) ) {
		update_option( 'asc_e2e_siteurl_backup', get_option( 'siteurl' ) );
		delete_option( 'siteurl' );
	}
	restore_current_blog();
}
echo 'armed blogs: ' . implode( ',', $armed ) . "\n";
