(async () => {
  const S = Stratagem;
  const [plugins, scripts] = await Promise.all([S.get('/api/plugins'), S.get('/api/scripts')]);
  document.querySelector('#plugins tbody').innerHTML = plugins.map(p => `<tr><td>${S.esc(p.pluginId)}</td><td>${S.esc(p.version)}</td>
    <td>${S.badge(p.state === 'STARTED' ? 'RUNNING' : p.state)}</td><td class="mono">${S.esc(p.sha256)}</td><td class="mono">${S.esc(p.jar)}</td>
    <td class="mono">${p.extensions.map(S.esc).join('<br>')}</td><td class="mono">${p.strategies.map(S.esc).join('<br>') || 'none'}</td><td class="mono">${p.stored.map(S.esc).join('<br>')}</td><td>${S.esc(p.problem)}</td></tr>`).join('')
    || '<tr><td colspan="9" class="muted">no plugins loaded</td></tr>';
  const last = e => e ? `${S.badge(e.outcome)} ${S.esc(e.trigger)} ${S.esc(e.reason)}` : 'none';
  document.querySelector('#scripts tbody').innerHTML = scripts.map(s => `<tr><td class="mono">${S.esc(s.id)}</td><td>${S.esc(s.version)}</td>
    <td class="mono">${S.esc(s.sha256)}</td><td class="mono">${s.uses.map(S.esc).join('<br>')}</td><td class="mono">${s.strategies.map(S.esc).join('<br>') || 'none'}</td>
    <td class="mono">${s.stored.map(S.esc).join('<br>')}</td><td>${last(s.lastReload)}</td></tr>`).join('')
    || '<tr><td colspan="7" class="muted">no script components</td></tr>';
})();
