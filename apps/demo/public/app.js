// The demo page: plain modules, no framework. It talks to the same Llama Stack API the official clients use.
const $ = (selector) => document.querySelector(selector);
const state = { config: null, agentId: null, sessionId: null, busy: false };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  return json;
}

function setStatus(text) {
  $('#status').textContent = text;
}

function contentText(content) {
  if (typeof content === 'string') return content;
  const items = Array.isArray(content) ? content : [content];
  return items.map((item) => (item.type === 'text' ? item.text : '')).join('');
}

function imagesOf(content) {
  if (!content || typeof content === 'string') return [];
  const items = Array.isArray(content) ? content : [content];
  return items.filter((item) => item.type === 'image').map((item) => imageSrc(item.image));
}

function imageSrc(image) {
  if (image.url) return image.url.uri;
  return `data:image/png;base64,${image.data}`;
}

function attachmentSrcs(turn) {
  return (turn.output_attachments ?? [])
    .filter((a) => a.mime_type.startsWith('image/'))
    .flatMap((a) => ('uri' in a.content ? [a.content.uri] : imagesOf(a.content)));
}

function seconds(step) {
  if (!step.started_at || !step.completed_at) return '';
  return `${((Date.parse(step.completed_at) - Date.parse(step.started_at)) / 1000).toFixed(2)} s`;
}

function argsText(call) {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

function callText(call) {
  const code = typeof call.arguments === 'object' ? call.arguments.code : undefined;
  return typeof code === 'string' ? `${call.tool_name}:\n${code}` : `${call.tool_name}(${argsText(call)})`;
}

function addTimeline(step) {
  const time = el('span', { class: 'time' }, seconds(step));
  let item;
  switch (step.step_type) {
    case 'shield_call': {
      const v = step.violation;
      item = el(
        'li',
        { class: v ? 'shield-blocked' : 'shield-ok' },
        time,
        el('span', { class: 'kind' }, 'Shield '),
        v ? `blocked: ${v.metadata?.violation_type ?? ''} ${v.user_message ?? ''}` : 'no violation',
      );
      break;
    }
    case 'inference': {
      const calls = step.model_response.tool_calls ?? [];
      const text = contentText(step.model_response.content);
      item = el(
        'li',
        { class: 'inference' },
        time,
        el('span', { class: 'kind' }, 'Inference '),
        calls.length ? `→ ${calls.map((c) => c.tool_name).join(', ')}` : text.slice(0, 140),
      );
      break;
    }
    case 'tool_execution': {
      item = el('li', { class: 'tool' }, time, el('span', { class: 'kind' }, 'Tool '));
      for (const call of step.tool_calls) item.append(el('pre', {}, callText(call)));
      for (const response of step.tool_responses) {
        item.append(el('pre', {}, `→ ${contentText(response.content).slice(0, 600)}`));
        for (const src of imagesOf(response.content))
          item.append(el('img', { src, alt: `${response.tool_name} output` }));
      }
      break;
    }
    default:
      item = el('li', {}, time, step.step_type);
  }
  item.dataset.stepType = step.step_type;
  $('#timeline').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function addMessage(role, text, extraClass = '') {
  const body = el('span', { class: 'text' }, text);
  const item = el(
    'li',
    { class: `${role} ${extraClass}`.trim() },
    el('span', { class: 'who' }, role === 'user' ? 'You' : 'Agent'),
    body,
  );
  $('#messages').append(item);
  item.scrollIntoView({ block: 'nearest' });
  return { item, body };
}

async function* sse(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) yield JSON.parse(data);
      end = buffer.indexOf('\n\n');
    }
  }
}

async function runStream(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  if (!response.ok) {
    const json = await response.json().catch(() => null);
    throw new Error(json?.error?.message ?? `HTTP ${response.status}`);
  }
  let bubble = null;
  let turn = null;
  for await (const frame of sse(response)) {
    if (frame.error) throw new Error(frame.error.message);
    const payload = frame.event.payload;
    if (payload.event_type === 'step_progress' && payload.delta.type === 'text') {
      bubble ??= addMessage('assistant', '');
      bubble.body.textContent += payload.delta.text;
    } else if (payload.event_type === 'step_complete') {
      addTimeline(payload.step_details);
    } else if (payload.event_type === 'turn_complete' || payload.event_type === 'turn_awaiting_input') {
      turn = payload.turn;
    }
  }
  return { turn, bubble };
}

function finishTurn(turn, bubble) {
  const text = contentText(turn.output_message.content);
  const refused = turn.steps.some(
    (s) => s.step_type === 'shield_call' && s.violation?.violation_level === 'error',
  );
  if (!bubble) bubble = addMessage('assistant', text, refused ? 'refused' : '');
  else if (bubble.body.textContent !== text) bubble.body.textContent = text;
  if (refused) bubble.item.classList.add('refused');
  for (const src of attachmentSrcs(turn))
    bubble.item.append(el('img', { src, alt: 'Image produced by a tool' }));
}

function boilingPoint(liquid, celcius) {
  if (String(liquid).toLowerCase() !== 'polyjuice') return -1;
  return celcius ? -100 : -212;
}

function askClientTool(turn) {
  return new Promise((resolve) => {
    const calls = turn.output_message.tool_calls;
    const item = el('li', { class: 'client-tool' }, el('span', { class: 'who' }, 'Client tool'));
    const inputs = calls.map((call, index) => {
      const args = typeof call.arguments === 'string' ? JSON.parse(call.arguments || '{}') : call.arguments;
      const suggested =
        call.tool_name === 'get_boiling_point' ? boilingPoint(args.liquid_name, args.celcius !== false) : '';
      const id = `tool-result-${turn.turn_id}-${index}`;
      const input = el('input', {
        id,
        value: String(suggested),
        'aria-label': `Result of ${call.tool_name}`,
      });
      item.append(
        el('div', {}, `The agent asks this page to run ${call.tool_name}(${argsText(call)}).`),
        el('label', { for: id }, 'Result (computed in the page, edit if you like): '),
        input,
      );
      return input;
    });
    const form = el('form', {}, el('button', { type: 'submit' }, 'Send result'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      form.querySelector('button').disabled = true;
      resolve(
        calls.map((call, index) => ({
          call_id: call.call_id,
          tool_name: call.tool_name,
          content: inputs[index].value,
        })),
      );
    });
    item.append(form);
    $('#messages').append(item);
    form.querySelector('button').focus();
  });
}

async function send(text) {
  if (state.busy || !text.trim()) return;
  state.busy = true;
  $('#send').disabled = true;
  addMessage('user', text);
  const base = `/v1/agents/${state.agentId}/session/${state.sessionId}`;
  try {
    setStatus('Running the turn…');
    let { turn, bubble } = await runStream(`${base}/turn`, { messages: [{ role: 'user', content: text }] });
    while (turn && turn.output_message.tool_calls.length > 0 && turn.status !== 'completed') {
      setStatus('Waiting for the client tool result…');
      const toolResponses = await askClientTool(turn);
      setStatus('Resuming the turn…');
      ({ turn, bubble } = await runStream(`${base}/turn/${turn.turn_id}/resume`, {
        tool_responses: toolResponses,
      }));
    }
    if (turn) finishTurn(turn, bubble);
    setStatus(readyText());
  } catch (error) {
    addMessage('assistant', `Error: ${error.message}`, 'refused');
    setStatus('The last turn failed.');
  } finally {
    state.busy = false;
    $('#send').disabled = false;
    await loadSessions();
  }
}

function readyText() {
  const c = state.config;
  return `${c.mode} · model ${c.model} · shields: ${c.shields.join(', ') || 'none'} · tools: ${[...c.toolgroups, 'get_boiling_point (client)'].join(', ')}`;
}

async function loadSessions() {
  const { data } = await api('GET', `/v1/agents/${state.agentId}/sessions`);
  const list = $('#sessions');
  list.replaceChildren(
    ...data.map((session) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            'aria-current': String(session.session_id === state.sessionId),
            onclick: () => openSession(session.session_id),
          },
          session.session_name,
        ),
      ),
    ),
  );
}

async function openSession(sessionId) {
  state.sessionId = sessionId;
  $('#messages').replaceChildren();
  $('#timeline').replaceChildren();
  const session = await api('GET', `/v1/agents/${state.agentId}/session/${sessionId}`);
  for (const turn of session.turns) {
    for (const message of turn.input_messages)
      if (message.role === 'user') addMessage('user', contentText(message.content));
    for (const step of turn.steps) addTimeline(step);
    finishTurn(turn, null);
  }
  await loadSessions();
}

async function newSession() {
  const { session_id } = await api('POST', `/v1/agents/${state.agentId}/session`, {
    session_name: `web ${new Date().toLocaleTimeString()}`,
  });
  await openSession(session_id);
}

async function start() {
  state.config = await api('GET', '/demo/config.json');
  const { agent_id } = await api('POST', '/v1/agents', { agent_config: state.config.agent_config });
  state.agentId = agent_id;
  await newSession();
  setStatus(readyText());
  $('#composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('#prompt').value;
    $('#prompt').value = '';
    send(text);
  });
  $('#prompt').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('#composer').requestSubmit();
    }
  });
  $('#new-session').addEventListener('click', () => newSession());
  for (const button of document.querySelectorAll('.example')) {
    button.addEventListener('click', () => send(button.textContent));
  }
  document.body.dataset.ready = 'true';
}

start().catch((error) => setStatus(`Could not start: ${error.message}`));
