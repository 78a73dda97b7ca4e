#!/usr/bin/env bash
# Arm the rig: empty asc_e2e_runs and schedule one due `asc_e2e_tick` event on every blog.
# Usage: e2e/wordpress/arm.sh [due=ID,…] [silent=ID,…] [nositeurl=ID,…] [busy=ID,…] [sleep_ms=N]
#                            [https=1]  (see php/arm.php)
#        (after setup.sh; reads .state/env; no arguments: every blog one due event)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_state
exec php "${WP_E2E_DIR}/php/arm.php" "$@"
