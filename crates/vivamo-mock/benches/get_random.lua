-- wrk script: GET /v1/customers/{id} of a random one of N stored customers
-- (ids m0 … m{N-1}, as scripts/bench.sh generates them).
local n = tonumber(os.getenv("BENCH_CUSTOMERS") or "1000000")

function init(args)
  math.randomseed(os.time())
  headers = { ["Authorization"] = "Bearer sk_test_vivamo_mock" }
end

function request()
  return wrk.format("GET", "/v1/customers/m" .. math.random(0, n - 1), headers)
end
