<?php
/**
 * Plugin Name: all-sites-cron e2e probe
 * Description: Test-rig only. Records every execution of the cron hook `asc_e2e_tick` in one
 * global table `asc_e2e_runs` (not per site), answers `?asc_e2e_whoami=1` with the blog that
 * WordPress resolved for the request, and keeps the rig off the network.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

// The hook that arm.php schedules on every blog. One row per execution proves the cron really ran.
add_action( 'asc_e2e_tick', 'asc_e2e_record_run' );

function asc_e2e_record_run() {
	global $wpdb;
	// One global table: the test counts rows per blog without knowing each blog's prefix.
	$wpdb->insert(
		'asc_e2e_runs',
		array(
			'blog_id'    => get_current_blog_id(),
			'network_id' => get_current_network_id(),
			'hook'       => 'asc_e2e_tick',
			'http_host'  => isset( $_SERVER['HTTP_HOST'] ) ? substr( (string) $_SERVER['HTTP_HOST'], 0, 190 ) : '',
			// What WordPress saw: https when nginx served the request on its TLS listener.
			'scheme'     => is_ssl() ? 'https' : 'http',
			'ran_at'     => current_time( 'mysql', true ),
		)
	);
}

// `GET <siteurl>/?asc_e2e_whoami=1` → JSON naming the blog this request reached. Answered at
// muplugins_loaded, before themes and canonical redirects, so it works for the mapped blog
// (whose Host differs from its home URL) and needs no theme.
add_action( 'muplugins_loaded', 'asc_e2e_whoami' );

function asc_e2e_whoami() {
	if ( ! isset( $_GET['asc_e2e_whoami'] ) || ! is_multisite() ) {
		return;
	}
	header( 'Content-Type: application/json' );
	echo wp_json_encode(
		array(
			'blog_id'    => get_current_blog_id(),
			'network_id' => get_current_network_id(),
			'blogname'   => get_option( 'blogname' ),
			'siteurl'    => get_option( 'siteurl' ),
			'http_host'  => isset( $_SERVER['HTTP_HOST'] ) ? $_SERVER['HTTP_HOST'] : null,
		)
	);
	exit;
}

// Sandbox: no mail (there is no MTA), no canonical redirects (the mapped blog is reached with a
// Host that is not its home URL and would loop).
add_filter( 'pre_wp_mail', '__return_false' );
remove_action( 'template_redirect', 'redirect_canonical' );

// Determinism: only the rig's own events get scheduled, so wp-cron.php does exactly one thing per
// blog (core update checks, site-health loopbacks etc. would add work, HTTP and PHP-FPM load).
// Define ASC_E2E_ALLOW_CORE_EVENTS in the config to get WordPress's normal behaviour back.
if ( ! defined( 'ASC_E2E_ALLOW_CORE_EVENTS' ) ) {
	add_filter(
		'schedule_event',
		function ( $event ) {
			return ( $event && 0 === strpos( $event->hook, 'asc_e2e_' ) ) ? $event : false;
		}
	);
}

// WordPress itself stops archived, spammed and deleted blogs in ms_site_check(), before
// wp-cron.php runs anything. Let wp-cron.php through for them, so that a client that wrongly
// requests an ineligible blog leaves a row and the test sees it (otherwise WordPress would hide
// the bug). Pages of those blogs still behave as WordPress makes them.
if ( defined( 'DOING_CRON' ) && DOING_CRON ) {
	add_filter( 'ms_site_check', '__return_true' );
}

// The cron-check scenario (arm.sh sleep_ms=N): an event that keeps its PHP worker busy N ms after
// wp-cron.php answered, and records when it ran, so a test can count how many ran at once.
add_action( 'asc_e2e_sleep', 'asc_e2e_sleep', 10, 1 );

function asc_e2e_sleep( $ms ) {
	global $wpdb;
	$started = microtime( true );
	usleep( 1000 * (int) $ms );
	asc_e2e_record_run();
	$wpdb->insert(
		'asc_e2e_spans',
		array(
			'blog_id' => get_current_blog_id(),
			'started' => $started,
			'ended'   => microtime( true ),
		)
	);
}

// arm.sh silent=…: this blog's wp-cron.php answers 200 (it did before WordPress loaded) and runs
// nothing, the way a broken or hostile plugin can make it.
if ( defined( 'DOING_CRON' ) && DOING_CRON && get_option( 'asc_e2e_silent_cron' ) ) {
	exit;
}
