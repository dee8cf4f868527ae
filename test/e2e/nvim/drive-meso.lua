-- Drives the Meso language server from a real Neovim (0.7+, headless) and writes one JSON object
-- with what the editor saw, scenario by scenario. Run by test/e2e/neovim.test.ts:
--
--   nvim --headless --clean -n -c 'lua dofile(vim.env.MESO_E2E_SCRIPT)'
--
-- Environment:
--   MESO_E2E_SERVER  path of the bundled server (out/server.cjs)
--   MESO_E2E_NODE    node executable (default: node)
--   MESO_E2E_ROOT    workspace root (a temp folder with overdose.meso, complete.meso, messy.meso)
--   MESO_E2E_OUT     where to write the JSON result
--
-- Every scenario runs in its own pcall, so one failing scenario is recorded (`error`) and the
-- others still run. Nvim exits with `qa!` when the result was written and the server stopped,
-- `cq!` otherwise. Positions are LSP positions (0-based line, UTF-16 character).

local uv = vim.loop
local started = uv.hrtime()
local function ms_since(t) return math.floor((uv.hrtime() - t) / 1e6) end

local env = vim.env
local server = assert(env.MESO_E2E_SERVER, 'MESO_E2E_SERVER is not set')
local root = assert(env.MESO_E2E_ROOT, 'MESO_E2E_ROOT is not set')
local out_path = assert(env.MESO_E2E_OUT, 'MESO_E2E_OUT is not set')
local node = env.MESO_E2E_NODE or 'node'

local TIMEOUT = 10000 -- ms, per request or wait

local out = {
  nvim_version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  log_path = vim.lsp.get_log_path(),
  notifications = {},
  scenarios = {},
}

-- Errors Neovim would show the user (e.g. "method not supported") end up in the result.
vim.notify = function(msg, level)
  table.insert(out.notifications, { message = tostring(msg), level = level })
end

-- Keep the raw publishDiagnostics params (exact LSP ranges and codes) next to what Neovim stores.
local published = {} -- uri -> list of params, in arrival order
local original_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = published[result.uri] or {}
    table.insert(published[result.uri], result)
  end
  return original_publish(err, result, ctx, config)
end

local function write_out()
  out.total_ms = ms_since(started)
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.json.encode(out))
  file:close()
end

local function path_of(name) return root .. '/' .. name end
local function uri_of(name) return vim.uri_from_fname(path_of(name)) end

local client_id
local function client() return vim.lsp.get_client_by_id(client_id) end

--- Opens a file of the workspace in a buffer and attaches the Meso client to it.
local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(path_of(name)))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'meso'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed for ' .. name)
  return bufnr
end

--- A request as an editor command would send it: through buf_request_sync, all attached clients.
local function request(bufnr, method, params)
  local c = client()
  if not c.supports_method(method) then
    return { unsupported = true }
  end
  local t = uv.hrtime()
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  local response = { ms = ms_since(t) }
  if not responses then
    response.error = 'no response: ' .. tostring(err)
  elseif not responses[client_id] then
    response.error = 'no response from the Meso client'
  else
    response.error = responses[client_id].error
    response.result = responses[client_id].result
  end
  return response
end

--- Waits for a publishDiagnostics of `uri` (after `after` earlier ones) satisfying `pred`.
local function wait_published(uri, after, pred)
  local found
  vim.wait(TIMEOUT, function()
    local list = published[uri] or {}
    for i = after + 1, #list do
      if pred(list[i]) then
        found = list[i]
        return true
      end
    end
    return false
  end, 10)
  return found
end

local function has_code(params, code)
  for _, d in ipairs(params.diagnostics or {}) do
    if d.code == code then return d end
  end
  return nil
end

local function scenario(name, fn)
  local t = uv.hrtime()
  local ok, result = xpcall(fn, debug.traceback)
  if not ok then
    result = { error = tostring(result) }
  end
  result.ms = ms_since(t)
  out.scenarios[name] = result
end

local function main()
  -- Start the server on the temp workspace, as a user's config would.
  local t = uv.hrtime()
  client_id = vim.lsp.start_client({
    name = 'meso',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'meso-e2e' } },
    on_exit = function(code, signal)
      out.server_exit = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  -- The server's pid (Neovim 0.7 exposes it on the rpc object), to check it is gone afterwards.
  local rpc = client().rpc
  out.server_pid = rpc and rpc.pid or vim.NIL
  local initialized = vim.wait(TIMEOUT, function()
    local c = client()
    return c ~= nil and c.initialized == true
  end, 10)
  assert(initialized, 'the server did not answer initialize within ' .. TIMEOUT .. ' ms')
  out.initialize_ms = ms_since(t)
  local capabilities = {}
  for key, value in pairs(client().server_capabilities or {}) do
    if value ~= false and value ~= vim.NIL then table.insert(capabilities, key) end
  end
  table.sort(capabilities)
  out.server_capabilities = capabilities

  local overdose_uri = uri_of('overdose.meso')
  local overdose_buf = open('overdose.meso')
  local overdose_diagnostic -- the raw LSP diagnostic, for the quick fix

  -- 1. The overdose diagnostic reaches Neovim.
  scenario('diagnostics', function()
    local params = wait_published(overdose_uri, 0, function(p) return has_code(p, 'overdose-session') ~= nil end)
    local stored
    vim.wait(TIMEOUT, function()
      stored = vim.diagnostic.get(overdose_buf)
      return #stored > 0
    end, 10)
    local in_nvim = {}
    for _, d in ipairs(stored or {}) do
      table.insert(in_nvim, {
        code = d.code, severity = d.severity, message = d.message, source = d.source,
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      })
    end
    if params then overdose_diagnostic = has_code(params, 'overdose-session') end
    return {
      published = params and params.diagnostics or vim.NIL,
      nvim = in_nvim,
      severity_error = vim.diagnostic.severity.ERROR,
    }
  end)

  -- 3. Hover on `piroxicam` in `mixture m { piroxicam 2 mL }` (line 4, characters 16-25).
  scenario('hover', function()
    return request(overdose_buf, 'textDocument/hover', {
      textDocument = { uri = overdose_uri }, position = { line = 4, character = 18 },
    })
  end)

  -- 4. Go to definition on the same `piroxicam`.
  scenario('definition', function()
    return request(overdose_buf, 'textDocument/definition', {
      textDocument = { uri = overdose_uri }, position = { line = 4, character = 18 },
    })
  end)

  -- 2. Completion after typing `lido` on a new component line of a mixture.
  scenario('completion', function()
    local bufnr = open('complete.meso')
    local line = 4 -- before the `    }` closing the mixture
    vim.api.nvim_buf_set_lines(bufnr, line, line, false, { '        lido' })
    local response = request(bufnr, 'textDocument/completion', {
      textDocument = { uri = uri_of('complete.meso') },
      position = { line = line, character = 12 },
      context = { triggerKind = 1 },
    })
    response.line_text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
    return response
  end)

  -- 5. Formatting a messy file: the edits, the text once Neovim applied them, and a second pass.
  scenario('formatting', function()
    local bufnr = open('messy.meso')
    local params = {
      textDocument = { uri = uri_of('messy.meso') },
      options = { tabSize = 4, insertSpaces = true },
    }
    local response = request(bufnr, 'textDocument/formatting', params)
    response.before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    if not response.error and type(response.result) == 'table' and #response.result > 0 then
      vim.lsp.util.apply_text_edits(response.result, bufnr, client().offset_encoding or 'utf-16')
    end
    response.after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    local again = request(bufnr, 'textDocument/formatting', params)
    response.second = { error = again.error, result = again.result }
    return response
  end)

  -- 6. The quick fix for the overdose: offered at its range, then applied through Neovim.
  scenario('codeAction', function()
    assert(overdose_diagnostic, 'no overdose-session diagnostic was published, so there is nothing to fix')
    local response = request(overdose_buf, 'textDocument/codeAction', {
      textDocument = { uri = overdose_uri },
      range = overdose_diagnostic.range,
      context = { diagnostics = { overdose_diagnostic } },
    })
    if response.error or type(response.result) ~= 'table' then return response end
    local chosen
    for _, action in ipairs(response.result) do
      if type(action.title) == 'string' and action.title:lower():find('lower', 1, true) then
        chosen = action
        break
      end
    end
    if not chosen then return response end
    -- An action with a workspace edit is applied the way Neovim's code action menu applies it.
    if chosen.edit then
      local before = #(published[overdose_uri] or {})
      vim.lsp.util.apply_workspace_edit(chosen.edit, client().offset_encoding or 'utf-16')
      response.applied_line = vim.api.nvim_buf_get_lines(overdose_buf, 4, 5, false)[1]
      local after = wait_published(overdose_uri, before, function() return true end)
      response.after_fix_codes = {}
      for _, d in ipairs(after and after.diagnostics or {}) do
        table.insert(response.after_fix_codes, d.code or vim.NIL)
      end
      response.after_fix_published = after ~= nil
    end
    return response
  end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then out.error = tostring(err) end

-- Stop the server (shutdown + exit) and wait for its process to end, so nothing is left behind.
if client_id and client() then
  vim.lsp.stop_client(client_id)
  local exited = vim.wait(5000, function() return out.server_exit ~= nil end, 10)
  if not exited then
    out.error = (out.error and out.error .. '\n' or '') .. 'the server did not exit within 5 s of shutdown'
    vim.lsp.stop_client(client_id, true)
    vim.wait(2000, function() return out.server_exit ~= nil end, 10)
  end
end

local written, write_err = pcall(write_out)
if written and not out.error then
  vim.cmd('qa!')
else
  if not written then io.stderr:write('could not write ' .. out_path .. ': ' .. tostring(write_err) .. '\n') end
  if out.error then io.stderr:write(out.error .. '\n') end
  vim.cmd('cq!')
end
