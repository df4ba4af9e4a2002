# Sourced by tests/run-all and tests/driver/run: the one place that turns a
# layer's output into counts.  A layer prints "LABEL: N passed, N failed" as
# its last summary line.  Whatever else happens counts against it: no summary
# line, a non-zero exit under a summary of 0 failed, or running past its time
# limit (timeout's exit 124/137).
total_pass=0 total_fail=0

# tally LABEL SECONDS COMMAND...: runs COMMAND for at most SECONDS.
tally() {
	local label=$1 limit=$2 out line p f rc
	shift 2
	out="$VL_TEST_OUT/$label.txt"
	# A pipe, not a process substitution: tee has written everything when
	# the pipeline ends, and PIPESTATUS keeps the layer's own status.
	timeout --kill-after=15 "$limit" "$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n1)
	if [ -z "$line" ]; then
		echo "$label: no result line: counted as one failure"
		p=0 f=1
	else
		p=$(echo "$line" | sed -E 's/.*[^0-9]([0-9]+) passed, ([0-9]+) failed.*/\1/')
		f=$(echo "$line" | sed -E 's/.*[^0-9]([0-9]+) passed, ([0-9]+) failed.*/\2/')
	fi
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "$label: stopped after its time limit of ${limit}s: counted as one failure"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$label: exited with status $rc under a summary of 0 failed: counted as one failure"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}
