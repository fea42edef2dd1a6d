#!/usr/bin/env bash
# A cron job for kept. cron mails whatever a job prints, so `kept check` prints nothing when all
# is well and only the flags that fired otherwise (exit 1). Install with `crontab -e`:
#
#   MAILTO=platform-leads@example.com
#   # Weekdays at 08:00: overdue work, late renegotiations, overloaded weeks, and the clients to
#   # tell before their date (kept check's default kinds).
#   0 8 * * 1-5  /usr/share/doc/kept/examples/cron.sh platform
#   # Or the morning heads-up alone, to the people who talk to clients: each commitment that will
#   # miss and whose client has not heard, with the last day to tell them.
#   MAILTO=account-managers@example.com
#   45 7 * * 1-5 /usr/share/doc/kept/examples/cron.sh platform heads-up
#   # Mondays at 07:30: the full report, failing (and so mailing) only on overload or creep.
#   30 7 * * 1   kept --team platform report --fail-on overload,creep >/dev/null || kept --team platform report
#   # Or mail the whole report yourself when something is overdue or renegotiated late:
#   0 9 * * 1-5  kept --team platform report --fail-on overdue,late > /tmp/kept.txt || mail -s "kept: promises need attention" team@example.com < /tmp/kept.txt
#   # Every hour: refresh the calendar the team subscribes to.
#   0 * * * *    kept --team platform export --format ics > /srv/www/calendars/platform.ics.new && mv /srv/www/calendars/platform.ics.new /srv/www/calendars/platform.ics
#
# cron sets no USER: kept falls back to LOGNAME, then the account name, for the actor.
set -u
team=${1:?usage: cron.sh TEAM [KINDS]}
shift

# Without KINDS, kept check's default: overdue, late, overload, heads-up.
kept --team "$team" check "$@"
status=$?
# 0: nothing to say. 1: flags fired and were printed. Anything else is kept failing; say so,
# so the mail shows it.
if [ "$status" -gt 1 ]; then
    echo "kept check for team $team failed with exit status $status" >&2
fi
exit "$status"
