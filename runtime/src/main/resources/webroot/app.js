// Shared by every console page: the header, API calls, the bearer token, formatting.
const Stratagem = (() => {
  const TOKEN_KEY = 'stratagem.token';

  function header() {
    const h = document.createElement('header');
    h.innerHTML = `<span class="brand">Stratagem</span>
      <a href="index.html">Strategies</a><a href="risk.html">Risk</a><a href="plugins.html">Plugins</a>
      <a href="/api/openapi.json">API</a>
      <form id="open-cycle"><input id="compose-search" placeholder="open cycle by composeId" aria-label="composeId"></form>`;
    document.body.prepend(h);
    h.querySelector('#open-cycle').addEventListener('submit', e => {
      e.preventDefault();
      const id = h.querySelector('#compose-search').value.trim();
      if (id) location.href = 'cycle.html?id=' + encodeURIComponent(id);
    });
    get('/api/risk/kill-switch').then(k => {
      if (k.engaged) {
        const b = document.createElement('div');
        b.className = 'banner'; b.id = 'kill-banner';
        b.textContent = 'KILL SWITCH ENGAGED' + (k.reason ? ': ' + k.reason : '');
        h.after(b);
      }
    }).catch(() => {});
  }

  async function request(method, path, body) {
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (method !== 'GET' && token) headers['Authorization'] = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error(data && data.detail ? data.detail : res.status + ' ' + res.statusText);
      err.status = res.status; err.problem = data;
      throw err;
    }
    return data;
  }

  const get = path => request('GET', path);
  const param = name => new URLSearchParams(location.search).get(name);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
  const badge = s => `<span class="badge ${esc(s)}">${esc(s)}</span>`;
  const num = (v, d = 2) => v === null || v === undefined || v === '' ? '-' : (typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : esc(v));
  function time(ms) {
    if (!ms) return '-';
    const iso = new Date(ms).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  function message(el, text, kind) { el.innerHTML = `<div class="msg ${kind}">${esc(text)}</div>`; }

  return { header, request, get, param, esc, badge, num, time, message, TOKEN_KEY };
})();
document.addEventListener('DOMContentLoaded', Stratagem.header);
