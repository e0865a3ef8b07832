// The live dashboard: plain JavaScript, no framework, no CDN. Reads the query API with the API key kept in
// sessionStorage (or given once as ?key=), follows /v1/stream (EventSource cannot send headers: the key goes
// as ?key=, which the API accepts on that route only) and redraws what changed.
(function () {
  'use strict';
  const KEY = 'orderflow.key';
  const orders = new Map();
  const alerted = new Set();
  let source = null;
  let refreshTimer = null;

  const params = new URLSearchParams(location.search);
  if (params.has('key')) {
    sessionStorage.setItem(KEY, params.get('key'));
    params.delete('key');
    // the key leaves the address bar (and the history) at once
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
  }
  const key = () => sessionStorage.getItem(KEY) || '';
  // ?live=0: a snapshot without the live stream (printing, screenshots, headless browsers whose virtual clock
  // stops while a stream is open).
  const live = params.get('live') !== '0';

  document.getElementById('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById('key').value.trim());
    start();
  });
  document.querySelectorAll('a.export').forEach((a) => a.addEventListener('click', () => download(a.dataset.export)));

  function message(text) {
    const m = document.getElementById('message');
    m.textContent = text || '';
    m.hidden = !text;
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + key() } });
    if (!response.ok) {
      let detail = response.status + '';
      try { detail = (await response.json()).message || detail; } catch (ignored) { /* not JSON */ }
      const error = new Error(path + ': ' + detail);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  async function download(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + key() } });
    if (!response.ok) { message('export failed: ' + response.status); return; }
    const blob = await response.blob();
    const name = (response.headers.get('Content-Disposition') || '').replace(/.*filename="([^"]+)".*/, '$1') || 'export';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (node.className = v) : node.setAttribute(k, v)));
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  const time = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '');
  const money = (v) => (v == null ? '' : Number(v).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

  function colour(o) {
    if (o.colour === 'green') return 'green';
    return alerted.has(o.orderId) ? 'red' : o.colour;
  }

  function renderOrders(flashId) {
    const body = document.querySelector('#orders tbody');
    body.replaceChildren();
    [...orders.values()]
      .sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || '') || b.orderId.localeCompare(a.orderId))
      .slice(0, 200)
      .forEach((o) => {
        const c = colour(o);
        const row = el('tr', { class: c + (o.orderId === flashId ? ' flash' : ''), 'data-order': o.orderId, 'data-colour': c },
          el('td', {}, o.orderId),
          el('td', {}, o.customer ? o.customer.name : ''),
          el('td', {}, o.channel),
          el('td', {}, el('span', { class: 'badge ' + c }, o.hold ? o.status + ' · held: ' + o.hold.reason : o.status)),
          el('td', { class: 'num' }, money(o.totalAmount)),
          el('td', {}, o.expectedDeliveryDate || ''),
          el('td', {}, time(o.updatedAt)));
        body.append(row);
      });
  }

  function renderAlerts(items) {
    alerted.clear();
    const list = document.getElementById('alerts');
    list.replaceChildren();
    items.forEach((a) => {
      if (a.orderId) alerted.add(a.orderId);
      list.append(el('li', { 'data-alert': a.alertId }, el('strong', {}, a.type + ' '), a.message,
        el('small', {}, (a.orderId || a.sku || '') + ' · ' + time(a.at))));
    });
    document.getElementById('alert-count').textContent = items.length;
  }

  function renderStock(items) {
    const body = document.querySelector('#stock tbody');
    body.replaceChildren();
    items.forEach((s) => body.append(el('tr', { class: 'red', 'data-sku': s.sku },
      el('td', {}, s.sku), el('td', { class: 'num' }, s.onHand), el('td', { class: 'num' }, s.reserved),
      el('td', { class: 'num' }, s.available), el('td', { class: 'num' }, s.reorderPoint))));
  }

  // A bar chart in SVG, drawn by hand: one bar per label, value written above it.
  function bars(svgId, data) {
    const svg = document.getElementById(svgId);
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    const max = Math.max(1, ...data.map((d) => d.value));
    const width = 360, height = 180, bottom = 150, top = 20;
    const slot = width / Math.max(1, data.length);
    data.forEach((d, i) => {
      const h = Math.round(((bottom - top) * d.value) / max);
      const x = i * slot + slot * 0.2;
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('class', 'bar');
      rect.setAttribute('x', x); rect.setAttribute('y', bottom - h);
      rect.setAttribute('width', slot * 0.6); rect.setAttribute('height', h);
      rect.setAttribute('data-label', d.label); rect.setAttribute('data-value', d.value);
      svg.append(rect);
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', x); label.setAttribute('y', bottom + 16); label.textContent = d.label;
      svg.append(label);
      const value = document.createElementNS(ns, 'text');
      value.setAttribute('x', x); value.setAttribute('y', bottom - h - 4); value.textContent = d.text || money(d.value);
      svg.append(value);
    });
  }

  async function loadSales() {
    const windows = ['1h', '24h', '7d'];
    const totals = await Promise.all(windows.map((w) => api('/v1/sales?by=total&window=' + w)
      .then((r) => r.items[0] || { revenue: 0, orders: 0 })));
    bars('chart-rolling', windows.map((w, i) => ({ label: w + ' (' + (totals[i].orders || 0) + ' orders)',
      value: Number(totals[i].revenue || 0) })));
    const channels = await api('/v1/sales?by=channel&window=24h');
    bars('chart-channels', channels.items.map((r) => ({ label: r.key, value: Number(r.revenue) })));
  }

  // Alerts and stock are drawn from what answered; a panel that could not be read says so and the rest stays.
  async function loadSide() {
    const [alerts, stock] = await Promise.allSettled([api('/v1/alerts'), api('/v1/stock?belowReorder=true')]);
    if (alerts.status === 'fulfilled') {
      renderAlerts(alerts.value.items);
    } else {
      document.getElementById('alerts').replaceChildren(el('li', { class: 'unavailable' }, 'alerts not available: ' + alerts.reason.message));
    }
    if (stock.status === 'fulfilled') renderStock(stock.value.items);
    renderOrders();
  }

  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      Promise.all([loadSide(), loadSales().catch(() => {})]).catch(report);
    }, 2000);
  }

  function report(error) {
    message(error.status === 401 || error.status === 403 ? 'This API key may not read here: ' + error.message
      : error.status === 503 ? 'The state is moving (rebalance or restore); retrying… ' + error.message
        : String(error.message || error));
    if (error.status === 503) setTimeout(start, 2000);
  }

  function follow() {
    if (source) source.close();
    source = new EventSource('/v1/stream?key=' + encodeURIComponent(key()));
    const badge = document.getElementById('live');
    source.onopen = () => { badge.className = 'live on'; badge.textContent = 'live'; };
    source.onerror = () => { badge.className = 'live off'; badge.textContent = 'reconnecting'; };
    source.addEventListener('order', (e) => {
      const change = JSON.parse(e.data);
      orders.set(change.orderId, change.order);
      renderOrders(change.orderId);
      refreshSoon();
    });
    source.addEventListener('alert', () => refreshSoon());
  }

  async function start() {
    if (!key()) { message('Enter an API key (e.g. demo-analyst) to see the ledger.'); return; }
    document.getElementById('key').value = '';
    try {
      const page = await api('/v1/orders?limit=200');
      orders.clear();
      page.items.forEach((o) => orders.set(o.orderId, o));
      await loadSide();
      await loadSales().catch((e) => message('sales: ' + e.message));
      if (!document.getElementById('message').textContent.startsWith('sales')) message('');
      document.body.setAttribute('data-loaded', 'true');
      if (live) follow();
    } catch (error) {
      report(error);
    }
  }

  start();
}());
