<?php
/**
 * Arms the rig: empties asc_e2e_runs and gives EVERY blog (eligible or not, every network) exactly
 * one single event `asc_e2e_tick` due 60 s in the past, so a plain GET of its wp-cron.php runs it.
 * Each blog's cron array is reset to that one event and its `doing_cron` lock is dropped, so a
 * run is deterministic: one row per requested eligible blog, nothing else for wp-cron.php to do.
 */

require __DIR__ . '/bootstrap.php';

global $wpdb;

$wpdb->query( 'TRUNCATE TABLE asc_e2e_runs' );
if ( $wpdb->last_error ) {
	fwrite( STDERR, 'arm.php: ' . $wpdb->last_error . "\n" );
	exit( 1 );
}

$due   = time() - 60;
$ids   = array_map( 'intval', $wpdb->get_col( "SELECT blog_id FROM {$wpdb->blogs} ORDER BY blog_id" ) );
$armed = array();
foreach ( $ids as $id ) {
	switch_to_blog( $id );
	_set_cron_array( array() );            // drop core events: they would do other work (and HTTP)
	delete_transient( 'doing_cron' );      // a stale lock would make wp-cron.php return silently
	$r = wp_schedule_single_event( $due, 'asc_e2e_tick', array(), true );
	if ( is_wp_error( $r ) || ! wp_next_scheduled( 'asc_e2e_tick' ) ) {
		fwrite( STDERR, "arm.php: could not schedule on blog $id\n" );
		exit( 1 );
	}
	restore_current_blog();
	$armed[] = $id;
}
echo 'armed blogs: ' . implode( ',', $armed ) . "\n";
