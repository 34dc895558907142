-- tests/load/soak.lua: wrk's script for make soak (tests/load/soak.sh).
-- Rotates GETs over the paths in the file named after "--" (one a line:
-- articles, home, archive, tags, search, feeds), each thread starting at
-- its own place, and counts answers by class; done() prints one line,
-- "soak-status: 2xx=N 3xx=N 4xx=N 5xx=N other=N", that soak.sh reads.

local threads = {}
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

function init(args)
	paths = {}
	for line in io.lines(args[1]) do
		if line ~= "" then
			table.insert(paths, line)
		end
	end
	i = (id * 7) % #paths
	c2, c3, c4, c5, cx = 0, 0, 0, 0, 0
end

function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end

function response(status, headers, body)
	if status >= 200 and status < 300 then c2 = c2 + 1
	elseif status >= 300 and status < 400 then c3 = c3 + 1
	elseif status >= 400 and status < 500 then c4 = c4 + 1
	elseif status >= 500 and status < 600 then c5 = c5 + 1
	else cx = cx + 1 end
end

function done(summary, latency, requests)
	local t2, t3, t4, t5, tx = 0, 0, 0, 0, 0
	for _, t in ipairs(threads) do
		t2 = t2 + t:get("c2")
		t3 = t3 + t:get("c3")
		t4 = t4 + t:get("c4")
		t5 = t5 + t:get("c5")
		tx = tx + t:get("cx")
	end
	io.write(string.format("soak-status: 2xx=%d 3xx=%d 4xx=%d 5xx=%d other=%d\n",
	    t2, t3, t4, t5, tx))
	io.write(string.format("soak-errors: connect=%d read=%d write=%d timeout=%d status=%d\n",
	    summary.errors.connect, summary.errors.read, summary.errors.write,
	    summary.errors.timeout, summary.errors.status))
	io.write(string.format("soak-latency: p50=%.1fms p99=%.1fms max=%.1fms\n",
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    latency.max / 1000))
end
