// The order desk: plain JavaScript, no framework, no CDN. Reads the query API with the API key kept in
// sessionStorage (or given once as ?key=), follows /v1/stream (EventSource cannot send headers: the key goes
// as ?key=, which the API accepts on that route only) and redraws what changed. Labels and statuses come from
// /i18n.json in Chinese and English; the language follows the browser until the switch is used.
(function () {
  'use strict';
  const KEY = 'orderflow.key';
  const LANG = 'orderflow.lang';
  const FILTERS = ['status', 'channel', 'customer', 'owner', 'from', 'to', 'paymentStatus', 'sku'];
  const OPTIONS = {
    status: ['PENDING_REVIEW', 'RETURNED', 'AWAITING_STOCK', 'APPROVED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'IN_TRANSIT',
      'DELIVERED', 'COMPLETED', 'SERVICE_SCHEDULED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_APPROVED',
      'RETURN_REJECTED', 'RETURNED_GOODS_RECEIVED', 'EXCHANGE_SHIPPED'],
    channel: ['ONLINE', 'PHONE', 'OFFLINE', 'DISTRIBUTOR'],
    payment: ['UNPAID', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  };
  // A role's day's work as a filter of the ledger: the reviewer's queue, the warehouse's pick list.
  const QUEUES = {
    review: { roles: ['reviewer', 'admin'], status: 'PENDING_REVIEW,RETURNED' },
    pick: { roles: ['warehouse', 'admin'], status: 'APPROVED,PARTIALLY_SHIPPED' },
  };
  const orders = new Map();
  const alerted = new Set();
  let words = {};
  let lang = 'en';
  let filter = {};
  let cursor = null;
  let source = null;
  let refreshTimer = null;
  let alertItems = [];
  let opened = null; // { order, history, refusals } of the order's page on show
  let me = null; // { id, role } of the key signed in with
  const refused = new Map(); // orderId -> a refusal seen live since the page opened (the list colours the earlier)

  const params = new URLSearchParams(location.search);
  if (params.has('key')) {
    sessionStorage.setItem(KEY, params.get('key'));
    params.delete('key');
    // the key leaves the address bar (and the history) at once
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : '') + location.hash);
  }
  const key = () => sessionStorage.getItem(KEY) || '';
  // ?live=0: a snapshot without the live stream (printing, screenshots, headless browsers whose virtual clock
  // stops while a stream is open).
  const live = params.get('live') !== '0';
  // ?rows=: orders per page of the ledger (the list API's limit), 200 unless asked.
  const PAGE = Math.min(1000, Math.max(1, Number(params.get('rows')) || 200));
  const $ = (id) => document.getElementById(id);

  // ---- languages -------------------------------------------------------------------------------------------

  function t(k) {
    const entry = words[k];
    return entry ? entry[lang] : k;
  }

  /** A code's label (status.APPROVED, channel.PHONE, ...), the code itself when the dictionary lacks it. */
  function label(kind, code) {
    if (code == null || code === '') return '';
    const entry = words[kind + '.' + code];
    return entry ? entry[lang] : code;
  }

  function browserLanguage() {
    const stored = localStorage.getItem(LANG);
    if (stored === 'zh' || stored === 'en') return stored;
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const l of preferred) {
      const lower = String(l).toLowerCase();
      if (lower.startsWith('zh')) return 'zh';
      if (lower.startsWith('en')) return 'en';
    }
    return 'en';
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
    $('lang').value = lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll('select[data-options]').forEach((select) => {
      const kind = select.dataset.options;
      const chosen = select.value;
      select.replaceChildren(el('option', { value: '' }, t('filter.any')),
        ...OPTIONS[kind].map((code) => el('option', { value: code }, label(kind, code))),
        ...(kind === 'status' ? Object.entries(QUEUES).map(([name, q]) => el('option', { value: q.status }, t('queue.' + name))) : []));
      select.value = chosen;
    });
    liveBadge(source && source.readyState === 1 ? 'on' : source ? 'reconnecting' : 'off');
    renderOrders();
    renderAlerts();
    renderSales();
    renderMe();
    if (me) renderStockMovement();
    reportDimensions();
    renderReport();
    if (opened) renderOrder();
  }

  // ---- plumbing --------------------------------------------------------------------------------------------

  function message(text) {
    const m = $('message');
    m.textContent = text || '';
    m.hidden = !text;
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + key() } });
    if (!response.ok) {
      let body = {};
      try { body = await response.json(); } catch (ignored) { /* not JSON */ }
      const error = new Error(path + ': ' + (body.message || response.status));
      error.status = response.status;
      error.problems = body.problems || [];
      throw error;
    }
    return response.json();
  }

  async function download(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + key() } });
    if (!response.ok) { message(t('export.failed') + ': ' + response.status); return; }
    const blob = await response.blob();
    const name = (response.headers.get('Content-Disposition') || '').replace(/.*filename="([^"]+)".*/, '$1') || 'export';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v == null) return;
      if (k === 'class') node.className = v; else node.setAttribute(k, v);
    });
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  const time = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '');
  const day = (iso) => (iso ? iso.slice(0, 10) : '');
  const money = (v) => (v == null ? '' : Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

  // ---- the ledger ------------------------------------------------------------------------------------------

  function query(extra) {
    const q = new URLSearchParams(extra || {});
    FILTERS.forEach((name) => { if (filter[name]) q.set(name, filter[name]); });
    return q.toString();
  }

  /** Whether an order belongs in the filtered ledger: the list API's filter, applied to the live stream's orders. */
  function matches(o) {
    const f = filter;
    return (!f.status || f.status.split(',').includes(o.status))
      && (!f.channel || f.channel === o.channel)
      && (!f.customer || (o.customer && f.customer === o.customer.id))
      && (!f.owner || f.owner === o.owner)
      && (!f.from || (o.orderDate || '') >= f.from)
      && (!f.to || (o.orderDate || '') <= f.to)
      && (!f.paymentStatus || f.paymentStatus === o.paymentStatus)
      && (!f.sku || (o.lines || []).some((l) => l.sku === f.sku));
  }

  function colour(o) {
    if (o.colour === 'green') return 'green';
    return alerted.has(o.orderId) || refused.has(o.orderId) ? 'red' : o.colour;
  }

  const products = (o) => (o.lines || []).map((l) => l.productName || l.sku).join(lang === 'zh' ? '、' : ', ');
  const units = (o) => (o.lines || []).reduce((sum, l) => sum + (l.quantity || 0), 0);

  function renderOrders(flashId) {
    const body = document.querySelector('#orders tbody');
    body.replaceChildren();
    const rows = [...orders.values()]
      .sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || '') || b.orderId.localeCompare(a.orderId));
    rows.forEach((o) => {
      const c = colour(o);
      body.append(el('tr', {
        class: c + (o.orderId === flashId ? ' flash' : ''), tabindex: '0', 'data-order': o.orderId, 'data-colour': c,
        'data-status': o.status,
      },
      el('td', { 'data-col': 'orderId' }, el('a', { href: '#/orders/' + encodeURIComponent(o.orderId), tabindex: '-1' }, o.orderId)),
      el('td', { 'data-col': 'customer' }, o.customer ? o.customer.name : ''),
      el('td', { 'data-col': 'product' }, products(o)),
      el('td', { 'data-col': 'quantity', class: 'num' }, units(o)),
      el('td', { 'data-col': 'amount', class: 'num' }, money(o.totalAmount)),
      el('td', { 'data-col': 'status' }, el('span', { class: 'badge ' + c },
        label('status', o.status) + (o.hold ? ' · ⏸ ' + label('hold', o.hold.reason) : ''))),
      el('td', { 'data-col': 'expected' }, o.expectedDeliveryDate || ''),
      el('td', { 'data-col': 'delivered' }, day(o.deliveredAt)),
      el('td', { 'data-col': 'owner' }, o.owner || ''),
      el('td', { 'data-col': 'updated' }, time(o.updatedAt))));
    });
    if (!rows.length && document.body.dataset.loaded === 'true') {
      body.append(el('tr', { class: 'empty' }, el('td', { colspan: '10' }, t('ledger.empty'))));
    }
    $('shown').textContent = rows.length;
    $('more').hidden = !cursor;
    $('all').hidden = !!cursor;
  }

  // Each read of the ledger is numbered: an answer to an older filter than the latest one asked is dropped.
  let asked = 0;

  async function loadOrders(more) {
    const number = ++asked;
    const page = await api('/v1/orders?' + query(Object.assign({ limit: PAGE }, more && cursor ? { cursor } : {})));
    if (number !== asked) return false;
    if (!more) orders.clear();
    page.items.forEach((o) => orders.set(o.orderId, o));
    cursor = page.nextCursor || null;
    renderOrders();
    return true;
  }

  function showProblems(problems) {
    const form = $('filters');
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach((node) => node.remove());
    (problems || []).forEach((p) => {
      const input = form.elements[p.field];
      const text = el('small', { class: 'field-error', 'data-field': p.field }, p.reason);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.closest('label').append(text);
      } else {
        $('problems').append(text);
      }
    });
  }

  async function applyFilters(event) {
    if (event) event.preventDefault();
    const form = $('filters');
    filter = {};
    FILTERS.forEach((name) => {
      const value = (form.elements[name].value || '').trim();
      if (value) filter[name] = value;
    });
    const number = asked + 1;
    try {
      if (await loadOrders(false)) showProblems([]);
    } catch (error) {
      if (number !== asked) return;
      if (error.status === 400) showProblems(error.problems); else report(error);
    }
  }

  // ---- an order's page -------------------------------------------------------------------------------------

  function table(id, headers, rows) {
    if (!rows.length) return el('p', { id, class: 'none' }, t('order.none'));
    return el('table', { id },
      el('thead', {}, el('tr', {}, ...headers.map(([k, cls]) => el('th', { class: cls }, t(k))))),
      el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node && c.tagName === 'TD'
        ? c : el('td', {}, c)))))));
  }

  const num = (v) => el('td', { class: 'num' }, v);

  function field(k, value) {
    return [el('dt', {}, t(k)), el('dd', {}, value == null || value === '' ? '—' : value)];
  }

  function renderOrder() {
    const panel = $('order');
    const o = opened.order;
    const history = opened.history || [];
    const c = colour(o);
    panel.hidden = false;
    panel.dataset.order = o.orderId;
    panel.replaceChildren(
      el('h2', {}, t('order.title') + ' ' + o.orderId, el('span', { id: 'order-status', class: 'badge ' + c, 'data-status': o.status },
        label('status', o.status)),
      el('a', { href: '#', class: 'close', id: 'order-close' }, t('order.close'))),
      el('dl', { class: 'fields' },
        ...field('order.orderDate', o.orderDate),
        ...field('order.channel', label('channel', o.channel)),
        ...field('order.customer', o.customer ? o.customer.name + ' (' + o.customer.id + ')' : ''),
        ...field('order.customerClass', o.customer && label('class', o.customer.class)),
        ...field('order.contact', o.customer && o.customer.contactName),
        ...field('order.phone', o.customer && o.customer.phone),
        ...field('order.address', o.customer && o.customer.address),
        ...field('order.paymentMethod', label('paymentMethod', o.paymentMethod)),
        ...field('order.paymentStatus', label('payment', o.paymentStatus)),
        ...field('order.total', money(o.totalAmount) + ' ' + (o.currency || '')),
        ...field('order.paid', money(o.paidAmount)),
        ...field('order.discount', o.discount == null ? '' : money(o.discount)),
        ...field('col.expected', o.expectedDeliveryDate),
        ...field('col.delivered', time(o.deliveredAt)),
        ...field('col.owner', o.owner),
        ...field('order.createdBy', o.createdBy && o.createdBy.id),
        ...field('order.createdAt', time(o.createdAt)),
        ...field('order.reviewer', o.reviewer && o.reviewer.id),
        ...field('order.reviewedAt', time(o.reviewedAt)),
        ...field('order.reviewNote', o.reviewNote),
        ...field('order.notes', o.notes),
        ...field('order.exception', o.exceptionNote),
        ...field('order.hold', o.hold ? [label('hold', o.hold.reason), o.hold.note, o.hold.heldBy && o.hold.heldBy.id,
          time(o.hold.since)].filter(Boolean).join(' · ') : ''),
        ...field('order.cancellation', o.cancellation ? [o.cancellation.reason, o.cancellation.requestedBy && o.cancellation.requestedBy.id,
          time(o.cancellation.requestedAt), o.cancellation.approvedBy ? t('order.cancellationApproved') + ' ' + o.cancellation.approvedBy.id
            : t('order.cancellationWaiting')].filter(Boolean).join(' · ') : '')),
      el('h3', {}, t('order.lines')),
      table('order-lines', [['line.sku'], ['line.name'], ['line.spec'], ['line.quantity', 'num'], ['line.unitPrice', 'num'],
        ['line.amount', 'num'], ['line.reserved', 'num'], ['line.shipped', 'num'], ['line.returned', 'num']],
      (o.lines || []).map((l) => [l.sku, l.productName || '', l.spec || l.serviceContent || '', num(l.quantity), num(money(l.unitPrice)),
        num(money(l.amount)), num(l.reservedQuantity), num(l.shippedQuantity), num(l.returnedQuantity)])),
      el('h3', {}, t('order.shipments')),
      table('order-shipments', [['ship.id'], ['ship.carrier'], ['ship.tracking'], ['ship.lines'], ['ship.at'], ['ship.scan'], ['ship.delivered']],
        (o.shipments || []).map((s) => [s.shipmentId, s.carrier || '', s.trackingNumber || '',
          (s.lines || []).map((l) => l.sku + ' × ' + l.quantity).join(', '), time(s.shippedAt),
          s.lastScanStatus ? [s.lastScanStatus, s.lastScanLocation, time(s.lastScanAt)].filter(Boolean).join(' · ') : '',
          time(s.deliveredAt)])),
      el('h3', {}, t('order.payments')),
      table('order-payments', [['pay.at'], ['pay.by'], ['pay.reference']],
        history.filter((h) => h.action === 'RecordPayment').map((h) => [time(h.at), h.actor, h.reason || ''])),
      el('h3', {}, t('order.alerts')),
      table('order-alerts', [['hist.at'], ['order.alertType'], ['hist.reason']],
        (o.alerts || []).map((a) => [time(a.at), label('alert', a.type), a.message || ''])),
      el('h3', {}, t('order.refusals')),
      table('order-refusals', [['hist.at'], ['hist.actor'], ['hist.role'], ['refusal.command'], ['refusal.code'], ['hist.reason']],
        (opened.refusals || []).map((r) => [time(r.at), r.actor, label('role', (r.role || '').toUpperCase()),
          label('action', r.command), el('td', { 'data-code': r.code }, label('refusal', r.code)), r.reason || ''])),
      el('h3', {}, t('order.history')),
      table('order-history', [['hist.at'], ['hist.actor'], ['hist.role'], ['hist.action'], ['hist.change'], ['hist.reason']],
        history.map((h) => [time(h.at), h.actor, label('role', (h.role || '').toUpperCase()), label('action', h.action),
          (h.fromStatus ? label('status', h.fromStatus) + ' → ' : '') + label('status', h.toStatus), h.reason || ''])));
    const refusal = refused.get(o.orderId);
    if (refusal) {
      panel.insertBefore(el('p', { id: 'order-refusal', class: 'refusal', 'data-code': refusal.code },
        el('strong', {}, t('refusal.title') + ' '), label('action', refusal.command) + ' · ' + refusal.actor + ' · '
          + time(refusal.at) + ' · ' + label('refusal', refusal.code) + ': ' + refusal.reason), panel.querySelector('dl.fields'));
    }
    const actions = actionsFor(o, history);
    if (actions.length) {
      panel.insertBefore(el('div', { id: 'order-actions', class: 'actions' }, ...actions.map((a) => actionForm(o, a))),
        panel.querySelector('dl.fields'));
    }
    $('order-close').addEventListener('click', (e) => { e.preventDefault(); closeOrder(); });
  }

  // ---- actions through the gateway --------------------------------------------------------------------------

  const ROLES = {
    desk: ['sales', 'platform', 'admin'],
    review: ['reviewer', 'admin'],
    closers: ['sales', 'platform', 'reviewer', 'admin'],
    warehouse: ['warehouse', 'admin'],
    service: ['service', 'admin'],
    analytics: ['sales', 'reviewer', 'analyst', 'admin'],
  };
  const may = (group) => !!me && ROLES[group].includes(me.role);
  const REFUNDABLE = ['RETURNED_GOODS_RECEIVED', 'CANCELLED'];
  const SHIPPED_ONWARDS = ['SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED'];
  const CANCELLABLE = ['PENDING_REVIEW', 'RETURNED', 'AWAITING_STOCK', 'APPROVED', 'PARTIALLY_SHIPPED', 'SERVICE_SCHEDULED'];

  /**
   * What this key may do to this order in its status, after the streams app's transition table and the gateway's
   * routes; both judge again. The four-eyes rule: no approval of one's own order, nor of one's own amendment.
   */
  function actionsFor(o, history) {
    const amendments = (history || []).filter((h) => h.action === 'AmendOrder');
    const lastAmender = amendments.length ? amendments[amendments.length - 1].actor : null;
    // four eyes: neither the order's creator nor whoever amended it last reviews it
    const own = !!me && ((!!o.createdBy && o.createdBy.id === me.id) || lastAmender === me.id);
    const lines = o.lines || [];
    const serviceOnly = lines.length > 0 && lines.every((l) => l.kind === 'SERVICE');
    const list = [];
    const offer = (group, statuses, ...actions) => {
      if (may(group) && statuses.includes(o.status)) list.push(...actions);
    };
    if (!own) offer('review', ['PENDING_REVIEW'], 'approve', 'return');
    const asked = o.cancellation && !o.cancellation.approvedBy ? o.cancellation : null;
    // four eyes again: who asked for the cancellation does not approve it
    if (asked && !(me && asked.requestedBy && asked.requestedBy.id === me.id)) offer('review', CANCELLABLE, 'approve-cancel');
    if (me && ['sales', 'admin'].includes(me.role)) offer('desk', ['PENDING_REVIEW', 'RETURNED', 'AWAITING_STOCK', 'APPROVED'], 'amend');
    offer('desk', ['RETURNED'], 'submit');
    if (!serviceOnly) offer('warehouse', ['APPROVED', 'PARTIALLY_SHIPPED'], 'ship');
    offer('warehouse', ['SHIPPED', 'IN_TRANSIT'], 'deliver');
    if (serviceOnly) offer('service', ['APPROVED'], 'schedule-service');
    offer('service', ['SERVICE_SCHEDULED'], 'service-result');
    if (!['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(o.paymentStatus)) offer('desk', OPTIONS.status.filter((s) => s !== 'CANCELLED'), 'pay');
    if (settled(o)) offer('closers', ['DELIVERED'], 'complete');
    offer('closers', ['PARTIALLY_SHIPPED'], 'close-short');
    offer('desk', ['DELIVERED', 'COMPLETED'], 'request-return');
    offer('review', ['RETURN_REQUESTED'], 'approve-return', 'reject-return');
    offer('warehouse', ['RETURN_APPROVED'], 'receive-return');
    const pending = o.pendingRefund;
    // after a return or a cancellation; or closed short and paid more than it owes now
    const refundIn = o.shortClosure ? REFUNDABLE.concat(SHIPPED_ONWARDS) : REFUNDABLE;
    if (!pending && refundable(o) !== '') offer('closers', refundIn, 'refund');
    // four eyes again: who asked for the refund does not decide it
    if (pending && !(me && pending.requestedBy && pending.requestedBy.id === me.id)) {
      offer('review', refundIn, 'approve-refund', 'reject-refund');
    }
    if (!o.cancellation) offer('desk', CANCELLABLE, 'cancel');
    return list;
  }

  function input(name, attrs) {
    return el('label', {}, el('span', {}, t('form.' + name.replace(/\[\d+\]/g, ''))),
      el('input', Object.assign({ name, 'data-field': name }, attrs || {})));
  }

  const refundedCents = (o) => (o.refunds || []).reduce((sum, r) => sum + cents(r.amount), 0);

  /**
   * What may still go back, or '' when nothing may: what was paid and not yet paid back after a return or a
   * cancellation; what was paid beyond what it owes of an order closed short on its way to completion.
   */
  const refundable = (o) => {
    const owed = REFUNDABLE.includes(o.status) ? 0 : cents(o.totalAmount);
    const left = cents(o.paidAmount) - owed - refundedCents(o);
    return left > 0 ? decimal(left) : '';
  };

  /** Paid; or, once money went back, paid less refunded still covers the total (as the streams app judges). */
  const settled = (o) => o.paymentStatus === 'PAID' || ((o.refunds || []).length > 0
    && cents(o.paidAmount) - refundedCents(o) >= cents(o.totalAmount));

  const remaining = (o) => {
    const due = cents(o.totalAmount) - cents(o.paidAmount);
    return due > 0 ? decimal(due) : '';
  };

  function actionForm(o, action) {
    if (action === 'amend') {
      const button = el('button', { type: 'button' }, t('do.amend'));
      button.addEventListener('click', () => openEntry(o));
      return el('form', { class: 'action', 'data-action': action }, button);
    }
    const fields = {
      approve: () => [input('note')],
      return: () => [input('reason')],
      cancel: () => [input('reason')],
      complete: () => [input('note')],
      pay: () => [input('amount', { value: remaining(o), inputmode: 'decimal', size: '8' }), input('reference')],
      ship: () => [...(o.lines || []).map((l, i) => el('label', {}, el('span', {}, l.sku),
        el('input', { name: 'lines[' + i + '].quantity', 'data-field': 'lines[' + i + '].quantity', 'data-sku': l.sku,
          type: 'number', min: '0', size: '4', value: Math.max(0, l.quantity - (l.shippedQuantity || 0)) }))),
      input('carrier', { size: '6' }), input('trackingNumber')],
      submit: () => [input('note')],
      'approve-cancel': () => [input('note')],
      deliver: () => [input('note')],
      'schedule-service': () => [input('scheduledFor', { type: 'datetime-local' }), input('assignee'), input('note')],
      'service-result': () => [input('result'), input('feedback'), input('rating', { type: 'number', min: '1', max: '5', size: '3' })],
      'request-return': () => [input('reason')],
      'approve-return': () => [input('reason')],
      'reject-return': () => [input('reason')],
      'receive-return': () => [input('note')],
      'close-short': () => [input('reason')],
      refund: () => [input('amount', { value: refundable(o), inputmode: 'decimal', size: '8' }), input('reason')],
      'approve-refund': () => [input('reason')],
      'reject-refund': () => [input('reason')],
    }[action]();
    const form = el('form', { class: 'action', 'data-action': action, 'data-key': newKey() },
      ...fields, el('button', { type: 'submit' }, t('do.' + action)), el('small', { class: 'answer' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (name) => (form.elements[name] ? form.elements[name].value.trim() : '');
      const body = {
        approve: () => ({ note: v('note') || null }),
        return: () => ({ reason: v('reason') }),
        cancel: () => ({ reason: v('reason') }),
        complete: () => ({ note: v('note') || null }),
        pay: () => ({ amount: v('amount'), reference: v('reference') || null }),
        ship: () => ({ carrier: v('carrier'), trackingNumber: v('trackingNumber'),
          lines: [...form.querySelectorAll('input[data-sku]')].map((i) => ({ sku: i.dataset.sku, quantity: Number(i.value) }))
            .filter((l) => l.quantity > 0) }),
        submit: () => ({ note: v('note') || null }),
        'approve-cancel': () => ({ note: v('note') || null }),
        deliver: () => ({ note: v('note') || null }),
        // the browser's local date and time, as the instant it names
        'schedule-service': () => ({ scheduledFor: v('scheduledFor') ? new Date(v('scheduledFor')).toISOString() : null,
          assignee: v('assignee') || null, note: v('note') || null }),
        'service-result': () => ({ result: v('result'), feedback: v('feedback') || null,
          rating: v('rating') ? Number(v('rating')) : null }),
        'request-return': () => ({ reason: v('reason') }),
        'approve-return': () => ({ reason: v('reason') || null }),
        'reject-return': () => ({ reason: v('reason') }),
        'receive-return': () => ({ note: v('note') || null }),
        'close-short': () => ({ reason: v('reason') }),
        refund: () => ({ amount: v('amount'), reason: v('reason') }),
        'approve-refund': () => ({ reason: v('reason') || null }),
        'reject-refund': () => ({ reason: v('reason') }),
      }[action]();
      const path = '/v1/orders/' + encodeURIComponent(o.orderId) + '/' + action;
      const answer = await send(form, 'POST', path, body);
      if (answer) openOrder(o.orderId, answer.consistencyToken);
    });
    return form;
  }

  function newKey() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  /**
   * Sends a command to the gateway (through this origin's /gateway relay) and shows its answer on the form: the 202,
   * or each problem next to the field it names. The form's idempotency key makes a repeated click one write.
   */
  async function send(form, method, path, body) {
    form.querySelectorAll('.field-error').forEach((n) => n.remove());
    form.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    const out = form.querySelector('.answer');
    out.className = 'answer';
    out.textContent = '…';
    let response;
    try {
      response = await fetch('/gateway' + path, { method, body: JSON.stringify(body), headers: {
        Authorization: 'Bearer ' + key(), 'Content-Type': 'application/json', 'Idempotency-Key': form.dataset.key } });
    } catch (error) {
      out.textContent = String(error.message || error);
      return null;
    }
    let answer = {};
    try { answer = await response.json(); } catch (ignored) { /* not JSON */ }
    out.dataset.status = response.status;
    if (response.status === 202) {
      out.className = 'answer ok';
      out.textContent = '202 · ' + t('answer.accepted') + (answer.orderId ? ' · ' + answer.orderId : '');
      form.dataset.key = newKey();
      return answer;
    }
    out.className = 'answer refused';
    out.textContent = response.status + ' · ' + (answer.message || '');
    (answer.problems || []).forEach((p) => {
      const field = form.querySelector('[data-field="' + CSS.escape(p.field) + '"]');
      const note = el('small', { class: 'field-error', 'data-field': p.field }, p.reason);
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        field.after(note);
      } else {
        out.append(el('br'), p.field + ': ', note);
      }
    });
    return null;
  }

  // Money as whole cents, never floating point: "12.50" -> 1250; NaN when not a decimal of at most two places.
  function cents(text) {
    const m = String(text == null ? '' : text).trim().match(/^(\d+)(?:\.(\d{1,2}))?$/);
    return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : NaN;
  }

  function decimal(c) {
    return Math.floor(c / 100) + '.' + String(c % 100).padStart(2, '0');
  }

  // ---- entering an order -----------------------------------------------------------------------------------

  let catalog = null; // sku -> product, read once per sign-in for the entry form

  async function loadCatalog() {
    if (catalog) return catalog;
    try {
      const products = await api('/v1/products');
      catalog = new Map(products.items.map((p) => [p.sku, p]));
    } catch (error) {
      catalog = new Map(); // typed by hand then; the gateway checks the SKUs
    }
    return catalog;
  }

  function entryLine(i) {
    const row = el('tr', { 'data-line': String(i) },
      el('td', {}, el('input', { name: 'lines[' + i + '].sku', 'data-field': 'lines[' + i + '].sku', size: '10',
        list: 'catalog' })),
      el('td', { 'data-name': '' }),
      el('td', {}, el('input', { name: 'lines[' + i + '].spec', 'data-field': 'lines[' + i + '].spec', size: '10' })),
      el('td', {}, el('input', { name: 'lines[' + i + '].quantity', 'data-field': 'lines[' + i + '].quantity', type: 'number',
        min: '1', size: '4' })),
      el('td', {}, el('input', { name: 'lines[' + i + '].unitPrice', 'data-field': 'lines[' + i + '].unitPrice',
        inputmode: 'decimal', size: '8' })),
      el('td', { class: 'num', 'data-amount': '' }));
    row.addEventListener('input', (e) => {
      if (e.target.name === 'lines[' + i + '].sku') {
        // a catalog SKU brings its name and list price; the price is then the catalog's, not typed
        const product = catalog && catalog.get(e.target.value.trim());
        const price = row.querySelector('[name$=unitPrice]');
        row.querySelector('[data-name]').textContent = product ? product.name : '';
        price.readOnly = !!(product && product.unitPrice != null);
        if (price.readOnly) price.value = decimal(cents(product.unitPrice));
      }
      const q = row.querySelector('[name$=quantity]').value;
      const c = cents(row.querySelector('[name$=unitPrice]').value);
      row.querySelector('[data-amount]').textContent = /^\d+$/.test(q) && !Number.isNaN(c) ? decimal(Number(q) * c) : '';
    });
    return row;
  }

  /** Sets a form field and tells its listeners, as typing would. */
  function fill(form, name, value) {
    const field = form.elements[name];
    if (!field || value == null) return;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /**
   * The entry form: empty for a new order, or filled with {@code amending}'s fields and lines to amend it (PUT;
   * the order goes back to review). Amending is offered only to roles that see personal data unmasked, so that no
   * masked value is ever sent back as the order's.
   */
  async function openEntry(amending) {
    await loadCatalog();
    const panel = $('entry');
    const lines = el('tbody', {}, entryLine(0));
    const select = (name, kind, codes, chosen) => el('label', {}, el('span', {}, t('form.' + name)),
      el('select', { name, 'data-field': name }, ...codes.map((c) => {
        const option = el('option', { value: c }, label(kind, c));
        if (c === chosen) option.selected = true;
        return option;
      })));
    const form = el('form', { id: 'entry-form', 'data-key': newKey(), autocomplete: 'off' },
      el('div', { class: 'grid' },
        input('orderId', { placeholder: t('form.generated') }),
        select('channel', 'channel', OPTIONS.channel, 'PHONE'),
        input('customer.id'), input('customer.name'),
        input('customer.contactName'), input('customer.phone'), input('customer.address', { size: '30' }),
        input('expectedDeliveryDate', { type: 'date' }),
        select('paymentMethod', 'paymentMethod', ['CASH', 'BANK_TRANSFER', 'CARD', 'CREDIT_TERMS'], 'BANK_TRANSFER'),
        input('paymentTerms.dueDays', { type: 'number', min: '1', max: '365', size: '4' }),
        input('notes', { size: '30' })),
      el('table', { class: 'entry-lines' },
        el('thead', {}, el('tr', {}, ...['line.sku', 'line.name', 'line.spec', 'line.quantity', 'line.unitPrice', 'line.amount']
          .map((k) => el('th', {}, t(k))))), lines),
      el('datalist', { id: 'catalog' }, ...[...(catalog || new Map()).values()].map((p) => el('option', { value: p.sku },
        p.name + (p.unitPrice == null ? '' : ' · ' + money(p.unitPrice))))),
      el('button', { type: 'button', id: 'entry-add' }, t('form.addLine')),
      el('button', { type: 'submit' }, t(amending ? 'do.amend' : 'do.place')), el('small', { class: 'answer' }));
    form.querySelector('#entry-add').addEventListener('click', () => lines.append(entryLine(lines.children.length)));
    if (amending) {
      const o = amending;
      form.dataset.amending = o.orderId;
      fill(form, 'orderId', o.orderId);
      form.elements.orderId.readOnly = true;
      ['channel', 'expectedDeliveryDate', 'paymentMethod', 'notes'].forEach((name) => fill(form, name, o[name]));
      if (o.paymentTerms) fill(form, 'paymentTerms.dueDays', String(o.paymentTerms.dueDays));
      ['id', 'name', 'contactName', 'phone', 'address'].forEach((name) => fill(form, 'customer.' + name, o.customer[name]));
      (o.lines || []).forEach((l, i) => {
        if (i > 0) lines.append(entryLine(i));
        fill(form, 'lines[' + i + '].sku', l.sku);
        fill(form, 'lines[' + i + '].spec', l.spec);
        fill(form, 'lines[' + i + '].quantity', String(l.quantity));
        const price = form.elements['lines[' + i + '].unitPrice'];
        if (!price.readOnly) fill(form, 'lines[' + i + '].unitPrice', decimal(cents(l.unitPrice)));
      });
    }
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (name) => (form.elements[name] ? form.elements[name].value.trim() : '');
      const body = {
        orderId: v('orderId') || null, channel: v('channel'), expectedDeliveryDate: v('expectedDeliveryDate') || null,
        paymentMethod: v('paymentMethod'), notes: v('notes') || null,
        // credit terms go with CREDIT_TERMS only; days left empty are the gateway's to name as missing
        paymentTerms: v('paymentMethod') === 'CREDIT_TERMS'
          ? { dueDays: /^\d+$/.test(v('paymentTerms.dueDays')) ? Number(v('paymentTerms.dueDays')) : null } : null,
        customer: { id: v('customer.id'), name: v('customer.name'), contactName: v('customer.contactName') || null,
          phone: v('customer.phone') || null, address: v('customer.address') || null },
        lines: [...lines.children].map((row, i) => {
          const q = v('lines[' + i + '].quantity');
          const price = v('lines[' + i + '].unitPrice');
          const c = cents(price);
          const line = { sku: v('lines[' + i + '].sku'), spec: v('lines[' + i + '].spec') || null,
            quantity: /^\d+$/.test(q) ? Number(q) : q, unitPrice: price };
          // the amount is worked out, never typed; the gateway checks it again
          if (/^\d+$/.test(q) && !Number.isNaN(c)) line.amount = decimal(Number(q) * c);
          return line;
        }),
      };
      const answer = amending
        ? await send(form, 'PUT', '/v1/orders/' + encodeURIComponent(amending.orderId), Object.assign(body, { orderId: null }))
        : await send(form, 'POST', '/v1/orders', body);
      if (answer && answer.orderId) {
        panel.hidden = true;
        location.hash = '#/orders/' + encodeURIComponent(answer.orderId);
        openOrder(answer.orderId, answer.consistencyToken);
      }
    });
    panel.replaceChildren(el('h2', {}, amending ? t('entry.amend') + ' ' + amending.orderId : t('entry.title'), el('a', { href: '#', class: 'close', id: 'entry-close' }, t('order.close'))),
      form);
    panel.hidden = false;
    $('entry-close').addEventListener('click', (e) => { e.preventDefault(); panel.hidden = true; });
    form.elements['customer.id'].focus();
  }

  // Each read of an order's page is numbered too: the answer for an order left since is dropped. While one is read
  // (after a write, with its token), the address naming the same order starts no second read without the token.
  let openings = 0;
  let reading = null;

  /** Opens an order's page; after a write, {@code token} makes the read wait for it (read-your-writes, no polling). */
  async function openOrder(id, token) {
    const number = ++openings;
    reading = id;
    const panel = $('order');
    panel.hidden = false;
    if (!opened || opened.order.orderId !== id) panel.replaceChildren(el('p', {}, t('order.loading')));
    const after = token ? '?after=' + encodeURIComponent(token) + '&timeout=10s' : '';
    try {
      // the refusals kept with the order: read after the write too, so that a command just refused is among them
      // (staff keys only; none shown to a key that may not read them)
      const [order, history, refusals] = await Promise.all([api('/v1/orders/' + encodeURIComponent(id) + after),
        api('/v1/orders/' + encodeURIComponent(id) + '/history' + after),
        api('/v1/orders/' + encodeURIComponent(id) + '/refusals' + after).catch(() => ({ items: [] }))]);
      if (number !== openings) return;
      opened = { order, history: history.items, refusals: refusals.items };
      renderOrder();
      panel.focus();
    } catch (error) {
      if (number !== openings) return;
      opened = null;
      panel.replaceChildren(el('p', { class: 'message' }, (error.status === 404 ? t('order.notFound') + ': ' + id : error.message)));
    } finally {
      if (number === openings) reading = null;
    }
  }

  function closeOrder() {
    openings += 1;
    reading = null;
    opened = null;
    $('order').hidden = true;
    $('order').replaceChildren();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }

  function route() {
    const m = location.hash.match(/^#\/orders\/(.+)$/);
    if (m) {
      if (decodeURIComponent(m[1]) !== reading) openOrder(decodeURIComponent(m[1]));
    } else if (opened) closeOrder();
  }

  // ---- the side panels -------------------------------------------------------------------------------------

  function renderAlerts(items) {
    if (items) alertItems = items;
    alerted.clear();
    const list = $('alerts');
    list.replaceChildren();
    alertItems.forEach((a) => {
      if (a.orderId) alerted.add(a.orderId);
      list.append(el('li', { 'data-alert': a.alertId }, el('strong', {}, label('alert', a.type) + ' '), a.message,
        el('small', {}, (a.orderId || a.sku || '') + ' · ' + time(a.at))));
    });
    $('alert-count').textContent = alertItems.length;
  }

  function renderStock(items) {
    const body = document.querySelector('#stock tbody');
    body.replaceChildren();
    items.forEach((s) => body.append(el('tr', { class: 'red', 'data-sku': s.sku },
      el('td', {}, s.sku), num(s.onHand), num(s.reserved), num(s.available), num(s.reorderPoint))));
  }

  // A bar chart in SVG, drawn by hand: one bar per label, value written above it.
  function bars(svgId, data) {
    const svg = $(svgId);
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    const max = Math.max(1, ...data.map((d) => d.value));
    const width = 360, bottom = 150, top = 20;
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
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('x', x); text.setAttribute('y', bottom + 16); text.textContent = d.label;
      svg.append(text);
      const value = document.createElementNS(ns, 'text');
      value.setAttribute('x', x); value.setAttribute('y', bottom - h - 4); value.textContent = money(d.value);
      svg.append(value);
    });
  }

  const WINDOWS = ['1h', '24h', '7d'];
  let sales = null; // { totals, channels } as last read, redrawn in another language without reading again

  // Figures are kept per currency: a bar per window and currency, never one currency added to another.
  function renderSales() {
    if (!sales) return;
    const several = new Set(sales.totals.flat().concat(sales.channels).map((r) => r.currency)).size > 1;
    const inCurrency = (r) => (several && r.currency ? ' ' + r.currency : '');
    bars('chart-rolling', WINDOWS.flatMap((w, i) => (sales.totals[i].length ? sales.totals[i] : [{ revenue: 0, orders: 0 }])
      .map((r) => ({ label: w + inCurrency(r) + ' (' + (r.orders || 0) + ' ' + t('sales.orders') + ')',
        value: Number(r.revenue || 0) }))));
    bars('chart-channels', sales.channels.map((r) => ({ label: label('channel', r.key) + inCurrency(r),
      value: Number(r.revenue) })));
  }

  async function loadSales() {
    const totals = await Promise.all(WINDOWS.map((w) => api('/v1/sales?by=total&window=' + w)
      .then((r) => r.items)));
    const channels = await api('/v1/sales?by=channel&window=24h');
    sales = { totals, channels: channels.items };
    renderSales();
  }

  // Alerts and stock are drawn from what answered; a panel that could not be read says so and the rest stays.
  async function loadSide() {
    const [alerts, stock] = await Promise.allSettled([api('/v1/alerts'), api('/v1/stock?belowReorder=true')]);
    if (alerts.status === 'fulfilled') {
      renderAlerts(alerts.value.items);
    } else {
      $('alerts').replaceChildren(el('li', { class: 'unavailable' }, t('alerts.unavailable') + ': ' + alerts.reason.message));
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
    message(error.status === 401 || error.status === 403 ? t('message.forbidden') + ': ' + error.message
      : error.status === 503 ? t('message.moving') + ' ' + error.message
        : String(error.message || error));
    if (error.status === 503) setTimeout(start, 2000);
  }

  // ---- live ------------------------------------------------------------------------------------------------

  function liveBadge(state) {
    const badge = $('live');
    badge.className = 'live ' + state;
    badge.dataset.i18n = 'live.' + state;
    badge.textContent = t('live.' + state);
  }

  function follow() {
    if (source) source.close();
    source = new EventSource('/v1/stream?key=' + encodeURIComponent(key()));
    source.onopen = () => liveBadge('on');
    source.onerror = () => liveBadge('reconnecting');
    source.addEventListener('refusal', (e) => {
      const refusal = JSON.parse(e.data);
      if (!refusal.orderId) return;
      refused.set(refusal.orderId, refusal);
      renderOrders(refusal.orderId);
      if (opened && opened.order.orderId === refusal.orderId) {
        const kept = opened.refusals || [];
        if (!kept.some((r) => r.commandId === refusal.commandId && r.at === refusal.at)) opened.refusals = [refusal].concat(kept);
        renderOrder();
      }
    });
    source.addEventListener('order', (e) => {
      const change = JSON.parse(e.data);
      refused.delete(change.orderId); // a change applied since: the refusal is history
      if (matches(change.order)) orders.set(change.orderId, change.order); else orders.delete(change.orderId);
      renderOrders(change.orderId);
      if (opened && opened.order.orderId === change.orderId) {
        opened.order = Object.assign({}, change.order, { alerts: opened.order.alerts });
        opened.history = opened.history.concat([{ at: change.at, actor: change.actor, role: change.role,
          action: change.action, fromStatus: change.fromStatus, toStatus: change.toStatus, reason: change.reason }]);
        renderOrder();
      }
      refreshSoon();
    });
    source.addEventListener('alert', (e) => {
      const a = JSON.parse(e.data);
      if (opened && a.orderId === opened.order.orderId) openOrder(a.orderId);
      refreshSoon();
    });
  }

  async function start() {
    if (!key()) { message(t('message.needKey')); return; }
    $('key').value = '';
    try {
      me = await api('/v1/me');
      catalog = null;
      renderStockMovement();
      renderMe();
      await loadOrders(false);
      await loadSide();
      message('');
      // a role that may not read the sales figures (warehouse, service) sees no charts, and no error for it
      await loadSales().catch((e) => { if (e.status !== 403) message('sales: ' + e.message); });
      document.body.setAttribute('data-loaded', 'true');
      renderOrders();
      if (live) follow();
      route();
    } catch (error) {
      report(error);
    }
  }

  /** The warehouse's stock receipt or stocktake adjustment (盘点) of one SKU, through the gateway. */
  async function renderStockMovement() {
    const box = $('stock-movement');
    if (!may('warehouse')) { box.replaceChildren(); return; }
    await loadCatalog();
    const form = el('form', { class: 'action', id: 'stock-form', 'data-key': newKey(), autocomplete: 'off' },
      el('label', {}, el('span', {}, t('form.movement')), el('select', { name: 'movement', 'data-field': 'movement' },
        el('option', { value: 'receipts' }, t('stock.receipt')), el('option', { value: 'adjustments' }, t('stock.adjustment')))),
      input('sku', { list: 'stock-catalog', size: '10' }), input('quantity', { type: 'number', size: '5' }),
      input('reference', { size: '8' }), input('reason', { size: '10' }),
      el('datalist', { id: 'stock-catalog' }, ...[...catalog.values()].map((p) => el('option', { value: p.sku }, p.name))),
      el('button', { type: 'submit' }, t('do.record-stock')), el('small', { class: 'answer' }),
      el('span', { class: 'level', id: 'stock-level' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = (name) => form.elements[name].value.trim();
      const sku = v('sku');
      const answer = await send(form, 'POST', '/v1/stock/' + encodeURIComponent(sku) + '/' + v('movement'), {
        quantity: /^-?\d+$/.test(v('quantity')) ? Number(v('quantity')) : v('quantity'),
        reference: v('reference') || null, reason: v('reason') || null });
      if (!answer) return;
      // read after the write: the level once the stock ledger has applied it
      const after = answer.consistencyToken ? '?after=' + encodeURIComponent(answer.consistencyToken) + '&timeout=10s' : '';
      try {
        const level = await api('/v1/stock/' + encodeURIComponent(sku) + after);
        $('stock-level').dataset.sku = level.sku;
        $('stock-level').textContent = level.sku + ': ' + t('stock.onHand') + ' ' + level.onHand + ' · '
          + t('stock.available') + ' ' + level.available;
        loadSide().catch(report);
      } catch (error) {
        $('stock-level').textContent = error.message;
      }
    });
    box.replaceChildren(form);
  }

  // ---- reports ---------------------------------------------------------------------------------------------

  /** Each report: its columns, its dimensions ("by"), the figure its chart shows, whether it is per month. */
  const REPORTS = {
    monthly: { columns: ['month', 'dimension', 'key', 'orders', 'units', 'revenue', 'currency'], by: ['customer', 'category'],
      chart: 'revenue', monthly: true },
    fulfilment: { columns: ['month', 'dimension', 'key', 'delivered', 'onTime', 'rate'], by: ['total', 'channel', 'carrier'],
      chart: 'rate', monthly: true },
    customers: { columns: ['customerId', 'orders', 'units', 'revenue', 'currency', 'firstOrderDate', 'lastOrderDate',
      'repeat', 'customerClass'],
      by: [], chart: 'revenue', monthly: false },
    'cycle-times': { columns: ['month', 'stage', 'count', 'meanMillis', 'p50Millis', 'p90Millis'], by: [],
      chart: 'meanMillis', monthly: true },
    cancellations: { columns: ['month', 'placed', 'cancelled', 'cancellationRate'], by: [], chart: 'cancellationRate',
      monthly: true },
  };
  let shownReport = null; // { name, items } as last read

  const hours = (ms) => (ms == null ? '' : (Number(ms) / 3600000).toFixed(1) + ' h');

  function cell(column, value) {
    if (column.endsWith('Millis')) return hours(value);
    if (column.endsWith('At')) return time(value);
    if (column === 'revenue') return money(value);
    if (column === 'rate' || column === 'cancellationRate') {
      return value == null ? '' : (Number(value) * 100).toFixed(1) + '%';
    }
    if (column === 'repeat') return t(value ? 'report.yes' : 'report.no');
    if (column === 'dimension') return t('by.' + value);
    if (column === 'customerClass') return label('class', value);
    if (column === 'stage') return label('stage', value);
    if (column === 'key' && shownReport && shownReport.items.some((r) => r.dimension === 'channel')) return label('channel', value);
    return value == null ? '' : String(value);
  }

  function reportQuery(extra) {
    const form = $('report-form');
    const q = new URLSearchParams(extra || {});
    if (REPORTS[form.elements.report.value].monthly && form.elements.month.value) q.set('month', form.elements.month.value);
    if (form.elements.by.value) q.set('by', form.elements.by.value);
    return '/v1/reports/' + form.elements.report.value + '?' + q;
  }

  function reportDimensions() {
    const form = $('report-form');
    const spec = REPORTS[form.elements.report.value];
    const chosen = form.elements.by.value;
    form.elements.by.replaceChildren(el('option', { value: '' }, t('filter.any')),
      ...spec.by.map((b) => el('option', { value: b }, t('by.' + b))));
    form.elements.by.value = spec.by.includes(chosen) ? chosen : '';
    form.elements.by.disabled = !spec.by.length;
    form.elements.month.disabled = !spec.monthly;
  }

  function renderReport() {
    if (!shownReport) return;
    const spec = REPORTS[shownReport.name];
    const numeric = (c) => ['orders', 'units', 'revenue', 'delivered', 'onTime', 'rate', 'count', 'placed', 'cancelled',
      'cancellationRate'].includes(c) || c.endsWith('Millis');
    $('report-table').querySelector('thead').replaceChildren(el('tr', {},
      ...spec.columns.map((c) => el('th', { class: numeric(c) ? 'num' : null, 'data-col': c }, t('rep.' + c)))));
    $('report-table').querySelector('tbody').replaceChildren(...shownReport.items.map((r) => el('tr', {},
      ...spec.columns.map((c) => el('td', { class: numeric(c) ? 'num' : null, 'data-col': c }, cell(c, r[c]))))));
    const currencies = new Set(shownReport.items.map((r) => r.currency).filter(Boolean));
    bars('chart-report', shownReport.items.slice(0, 12).map((r) => ({
      label: (r.key || r.customerId || r.stage || r.month) + (currencies.size > 1 && r.currency ? ' ' + r.currency : ''),
      value: spec.chart.endsWith('Millis') ? Number(r[spec.chart] || 0) / 3600000
        : spec.chart === 'rate' ? Number(r.rate || 0) * 100 : Number(r[spec.chart] || 0) })));
  }

  let reportsAsked = 0; // as for the ledger: an answer to an older question than the latest is dropped

  async function showReport(event) {
    if (event) event.preventDefault();
    const form = $('report-form');
    const out = form.querySelector('.answer');
    const number = ++reportsAsked;
    const name = form.elements.report.value;
    try {
      const answer = await api(reportQuery());
      if (number !== reportsAsked) return;
      shownReport = { name, items: answer.items };
      out.textContent = '';
      renderReport();
    } catch (error) {
      if (number !== reportsAsked) return;
      out.textContent = error.status === 400 ? error.problems.map((p) => p.field + ': ' + p.reason).join('; ') : error.message;
    }
  }

  function renderMe() {
    $('who').textContent = me ? t('key.signedIn') + ' ' + me.id + ' · ' + label('role', me.role.toUpperCase()) : '';
    $('who').dataset.role = me ? me.role : '';
    $('new-order').hidden = !may('desk');
    $('reports').hidden = !may('analytics');
    document.querySelectorAll('button[data-queue]').forEach((button) => {
      button.hidden = !me || !QUEUES[button.dataset.queue].roles.includes(me.role);
    });
  }

  // ---- wiring ----------------------------------------------------------------------------------------------

  $('new-order').addEventListener('click', () => openEntry());
  $('report-form').addEventListener('submit', showReport);
  $('report-form').elements.report.addEventListener('change', () => { reportDimensions(); showReport(); });
  document.querySelectorAll('a[data-report-format]').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    download(reportQuery({ format: a.dataset.reportFormat, lang }));
  }));
  document.querySelectorAll('button[data-queue]').forEach((button) => button.addEventListener('click', () => {
    const form = $('filters');
    FILTERS.forEach((name) => { form.elements[name].value = ''; });
    form.elements.status.value = QUEUES[button.dataset.queue].status;
    form.requestSubmit();
  }));

  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    // another person at the desk: the ledger as a whole again, not the last one's queue or filters
    FILTERS.forEach((name) => { $('filters').elements[name].value = ''; });
    filter = {};
    showProblems([]);
    start();
  });
  $('lang').addEventListener('change', () => {
    lang = $('lang').value;
    localStorage.setItem(LANG, lang);
    applyLanguage();
  });
  $('filters').addEventListener('submit', applyFilters);
  $('filters').addEventListener('reset', () => setTimeout(applyFilters, 0));
  $('more').addEventListener('click', () => loadOrders(true).catch(report));
  document.querySelectorAll('a.export').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    download('/v1/orders?' + query({ format: a.dataset.format, lang }));
  }));
  document.querySelector('#orders tbody').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-order]');
    if (row && !e.target.closest('a')) location.hash = '#/orders/' + encodeURIComponent(row.dataset.order);
  });
  document.querySelector('#orders tbody').addEventListener('keydown', (e) => {
    const row = e.target.closest('tr[data-order]');
    if (!row) return;
    if (e.key === 'Enter') location.hash = '#/orders/' + encodeURIComponent(row.dataset.order);
    if (e.key === 'ArrowDown' && row.nextElementSibling) { e.preventDefault(); row.nextElementSibling.focus(); }
    if (e.key === 'ArrowUp' && row.previousElementSibling) { e.preventDefault(); row.previousElementSibling.focus(); }
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && opened) closeOrder(); });
  window.addEventListener('hashchange', route);

  lang = browserLanguage();
  fetch('/i18n.json').then((r) => r.json()).then((dictionary) => { words = dictionary; })
    .catch(() => { words = {}; })
    .then(() => { applyLanguage(); start(); });
}());
