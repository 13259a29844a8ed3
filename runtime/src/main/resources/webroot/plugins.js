(async () => {
  const S = Stratagem;
  const [plugins, scripts] = await Promise.all([S.get('/api/plugins'), S.get('/api/scripts')]);
  document.querySelector('#plugins tbody').innerHTML = plugins.map(p => `<tr><td>${S.esc(p.pluginId)}</td><td>${S.esc(p.version)}</td>
    <td>${S.badge(p.state === 'STARTED' ? 'RUNNING' : p.state)}</td><td class="mono">${S.esc(p.sha256)}</td><td class="mono">${S.esc(p.jar)}</td>
    <td class="mono">${p.extensions.map(S.esc).join('<br>')}</td><td class="mono">${p.strategies.map(S.esc).join('<br>') || 'none'}</td><td class="mono">${p.stored.map(S.esc).join('<br>')}</td><td>${S.esc(p.problem)}</td></tr>`).join('')
    || '<tr><td colspan="9" class="muted">no plugins loaded</td></tr>';
  document.querySelector('#scripts tbody').innerHTML = scripts.map(s => `<tr><td>${S.esc(s.id)}</td><td>${S.esc(s.version)}</td><td>${s.reloads?.length ?? 0}</td></tr>`).join('')
    || '<tr><td colspan="3" class="muted">no script components (they come with script strategies)</td></tr>';
})();
