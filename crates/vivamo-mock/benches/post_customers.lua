-- wrk script: POST /v1/customers with a new customer on every request (unique
-- id and email per thread and request), so every create is a real insert.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  prefix = string.format("bench-%d-%d", tid, math.floor(os.time() % 100000))
  headers = {
    ["Authorization"] = "Bearer sk_test_vivamo_mock",
    ["Content-Type"] = "application/json",
  }
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  local body = '{"externalCustomerId":"' .. id .. '","data":{"email":"' .. id ..
    '@example.com","phone":"+447400123456","firstName":"Ada","lastName":"Lovelace",' ..
    '"city":"London","zip":"SW1A 1AA","country":"GB"}}'
  return wrk.format("POST", "/v1/customers", headers, body)
end
