(function () {
  'use strict';
  // Every value below comes from the scanned accounts and is hostile: it is only ever written with
  // textContent or createTextNode, never as markup.
  var mark = function (name) { if (window.performance && performance.mark) { performance.mark(name); } };
  mark('lc-script');
  var D = JSON.parse(document.getElementById('lc-data').textContent);
  mark('lc-parsed');
  // one full row per finding, the shared resource, message and evidence looked up once here
  var F = new Array(D.f.length);
  for (var n = 0; n < F.length; n++) {
    var g = D.f[n], r = D.res[g[4]];
    F[n] = [g[0], g[1], g[2], g[3], r[0], r[1], r[2], r[3], r[4], r[5], r[6], D.msg[g[5]], g[6] < 0 ? 0 : D.ev[g[6]], g[7]];
  }
  var root = document.documentElement;
  var PAGE = 100;
  var C = 0, ST = 1, SV = 2, PH = 3, PV = 4, AC = 5, RG = 6, TY = 7, ID = 8, NM = 9, CL = 10, MS = 11, EV = 12, WV = 13;
  var FIELDS = { control: C, status: ST, severity: SV, phase: PH, provider: PV, account: AC, region: RG, type: TY };
  var STATUS_CLASSES = ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'WAIVED', 'MANUAL'];
  var T = {
    en: {
      all: 'All', search: 'id, name, message…', page: 'Page {p} of {n}: {m} matching findings of {t}',
      none: 'No finding matches.', status: 'Status', severity: 'Severity', phase: 'Phase', control: 'Control',
      provider: 'Provider', account: 'Account', region: 'Region', type: 'Resource type', id: 'Resource id',
      name: 'Resource name', classification: 'Classification', message: 'Message', evidence: 'Evidence (attribute values that decided the result)',
      noEvidence: 'No attribute values recorded.', waiver: 'Waiver', lapsed: 'LAPSED', approver: 'approver', ticket: 'ticket',
      expires: 'expires', reason: 'reason', others: 'Every finding for this resource', close: 'Close',
      affectedNone: 'No affected resources (no FAIL, ERROR, MANUAL or WAIVED finding).', more: '… and {n} more in the findings table',
      attribute: 'Attribute', value: 'Value', title: 'Title'
    },
    ja: {
      all: 'すべて', search: 'ID・名前・メッセージ…', page: '{p} / {n} ページ: 該当 {m} 件（全 {t} 件）',
      none: '該当する検出事項はありません。', status: '状態', severity: '重大度', phase: '段階', control: '管理策',
      provider: 'プロバイダ', account: 'アカウント', region: 'リージョン', type: 'リソース種別', id: 'リソース ID',
      name: 'リソース名', classification: '格付', message: 'メッセージ', evidence: '証跡（判定に用いた属性値）',
      noEvidence: '記録された属性値はありません。', waiver: '免除', lapsed: '期限切れ', approver: '承認者', ticket: 'チケット',
      expires: '有効期限', reason: '理由', others: 'このリソースのすべての検出事項', close: '閉じる',
      affectedNone: '該当リソースはありません（不適合・エラー・手動確認・免除なし）。', more: '… ほか {n} 件は検出事項の表に',
      attribute: '属性', value: '値', title: '名称'
    }
  };
  var lang = root.getAttribute('lang') === 'en' ? 'en' : 'ja';
  var state = { filters: {}, q: '', sort: null, dir: 1, page: 0, view: null, selected: -1 };

  function t(key) { return T[lang][key]; }
  function fmt(key, values) {
    return t(key).replace(/\{(\w)\}/g, function (_, k) { return String(values[k]); });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function dict(field, i) { var v = D.dict[field][i]; return v === undefined ? '' : v; }
  function label(field, code) {
    var l = D.labels[field] && D.labels[field][code];
    return l ? l[lang === 'en' ? 0 : 1] : code;
  }
  function title(controlId) {
    var pair = Object.prototype.hasOwnProperty.call(D.titles, controlId) ? D.titles[controlId] : null;
    return pair ? pair[lang === 'en' ? 0 : 1] : '';
  }
  function evidenceText(evidence) {
    return Object.keys(evidence).map(function (path) { return path + '=' + JSON.stringify(evidence[path]); }).join('; ');
  }
  function statusClass(code) { return STATUS_CLASSES.indexOf(code) >= 0 ? 'badge st-' + code : 'badge'; }

  // --- filters -------------------------------------------------------------------------------
  var selects = document.querySelectorAll('#filters select');
  function fillSelects() {
    Array.prototype.forEach.call(selects, function (select) {
      var field = select.getAttribute('data-f');
      var values = D.dict[field];
      var current = select.value;
      clear(select);
      var all = el('option', null, t('all'));
      all.value = '';
      select.appendChild(all);
      values.forEach(function (value, i) {
        var text = value === '' ? '—' : value;
        if (field === 'status' || field === 'severity' || field === 'phase') {
          text = label(field, value);
        } else if (field === 'control') {
          text = value + ' ' + title(value);
        }
        var option = el('option', null, text);
        option.value = String(i);
        select.appendChild(option);
      });
      select.value = current;
    });
    document.getElementById('q').placeholder = t('search');
  }
  Array.prototype.forEach.call(selects, function (select) {
    select.addEventListener('change', function () {
      var field = select.getAttribute('data-f');
      if (select.value === '') { delete state.filters[field]; } else { state.filters[field] = Number(select.value); }
      refresh();
    });
  });
  var timer = null;
  document.getElementById('q').addEventListener('input', function (event) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = event.target.value.trim().toLowerCase(); refresh(); }, 200);
  });
  document.getElementById('reset').addEventListener('click', function () {
    state.filters = {};
    state.q = '';
    document.getElementById('q').value = '';
    Array.prototype.forEach.call(selects, function (select) { select.value = ''; });
    refresh();
  });

  // Text search tests each shared resource, message, evidence and control once per query, then
  // each finding by index: far fewer string scans than one haystack per finding.
  function matcher(q) {
    function hits(values, text) {
      var hit = new Uint8Array(values.length);
      for (var i = 0; i < values.length; i++) { hit[i] = text(values[i]).toLowerCase().indexOf(q) >= 0 ? 1 : 0; }
      return hit;
    }
    var res = hits(D.res, function (r) {
      return [r[4], r[5], dict('type', r[3]), dict('account', r[1]), dict('region', r[2]), r[6]].join('\n');
    });
    var msg = hits(D.msg, String);
    var ev = hits(D.ev, function (e) { return JSON.stringify(e); });
    var ctl = hits(D.dict.control, function (c) { return c + '\n' + title(c); });
    return function (i) {
      var g = D.f[i];
      return ctl[g[0]] === 1 || res[g[4]] === 1 || msg[g[5]] === 1 || (g[6] >= 0 && ev[g[6]] === 1);
    };
  }

  function compute() {
    var keys = Object.keys(state.filters);
    var idx = [], text = state.q ? matcher(state.q) : null;
    for (var i = 0; i < F.length; i++) {
      var f = F[i], ok = true;
      for (var k = 0; k < keys.length; k++) {
        if (f[FIELDS[keys[k]]] !== state.filters[keys[k]]) { ok = false; break; }
      }
      if (ok && text && !text(i)) { ok = false; }
      if (ok) { idx.push(i); }
    }
    if (state.sort) {
      var key = sortKey(state.sort), dir = state.dir;
      idx.sort(function (a, b) {
        var x = key(F[a]), y = key(F[b]);
        return x < y ? -dir : x > y ? dir : a - b;
      });
    }
    state.view = idx;
  }
  function sortKey(column) {
    switch (column) {
      case 'resource': return function (f) { return f[NM] || f[ID]; };
      case 'message': return function (f) { return f[MS]; };
      default: var p = FIELDS[column]; return function (f) { return f[p]; };
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var column = th.getAttribute('data-sort');
      if (state.sort === column) { state.dir = -state.dir; } else { state.sort = column; state.dir = 1; }
      Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (other) { other.className = ''; });
      th.className = state.dir > 0 ? 'asc' : 'desc';
      refresh();
    });
  });

  function refresh() { state.page = 0; compute(); renderPage(); }

  // --- the table: one page of rows at a time, never all of them ------------------------------
  var tbody = document.getElementById('rows');
  function renderPage() {
    var view = state.view, pages = Math.max(1, Math.ceil(view.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    clear(tbody);
    var start = state.page * PAGE, end = Math.min(view.length, start + PAGE);
    var fragment = document.createDocumentFragment();
    for (var r = start; r < end; r++) { fragment.appendChild(row(view[r])); }
    if (view.length === 0) {
      var tr = el('tr'), td = el('td', 'empty', t('none'));
      td.colSpan = 10;
      tr.appendChild(td);
      fragment.appendChild(tr);
    }
    tbody.appendChild(fragment);
    document.getElementById('page-info').textContent =
      fmt('page', { p: state.page + 1, n: pages, m: view.length, t: F.length });
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
  }
  function row(i) {
    var f = F[i], tr = el('tr');
    var status = dict('status', f[ST]);
    var st = el('td', 'st');
    st.appendChild(el('span', statusClass(status), label('status', status)));
    tr.appendChild(st);
    tr.appendChild(el('td', null, label('severity', dict('severity', f[SV]))));
    tr.appendChild(el('td', null, label('phase', dict('phase', f[PH]))));
    var control = dict('control', f[C]);
    var ctd = el('td', null, control);
    ctd.title = title(control);
    tr.appendChild(ctd);
    tr.appendChild(el('td', null, dict('provider', f[PV])));
    tr.appendChild(el('td', null, dict('account', f[AC])));
    tr.appendChild(el('td', null, dict('region', f[RG])));
    tr.appendChild(el('td', null, dict('type', f[TY])));
    var res = el('td');
    res.appendChild(el('div', null, f[NM]));
    if (f[ID] && f[ID] !== f[NM]) { res.appendChild(el('code', null, f[ID])); }
    tr.appendChild(res);
    tr.appendChild(el('td', null, f[MS]));
    if (i === state.selected) { tr.className = 'sel'; }
    tr.addEventListener('click', function () { showDetail(i); });
    return tr;
  }
  document.getElementById('prev').addEventListener('click', function () { state.page--; renderPage(); });
  document.getElementById('next').addEventListener('click', function () { state.page++; renderPage(); });

  // --- one resource: the values that decided each result --------------------------------------
  var detail = document.getElementById('detail');
  function pair(dl, key, value) {
    dl.appendChild(el('dt', null, t(key)));
    var dd = el('dd', null, value);
    dd.setAttribute('data-k', key);
    dl.appendChild(dd);
    return dd;
  }
  function showDetail(i) {
    state.selected = i;
    var f = F[i];
    clear(detail);
    detail.hidden = false;
    var close = el('button', null, t('close'));
    close.type = 'button';
    close.addEventListener('click', function () { detail.hidden = true; state.selected = -1; renderPage(); });
    detail.appendChild(close);
    detail.appendChild(el('h3', null, f[NM] || f[ID] || (dict('provider', f[PV]) + ':' + dict('account', f[AC]))));
    var dl = el('dl');
    var control = dict('control', f[C]);
    pair(dl, 'status', label('status', dict('status', f[ST])));
    pair(dl, 'severity', label('severity', dict('severity', f[SV])));
    pair(dl, 'phase', label('phase', dict('phase', f[PH])));
    var link = el('a', null, control + ' ' + title(control));
    link.href = '#ctl-' + encodeURIComponent(control);
    pair(dl, 'control', '').appendChild(link);
    pair(dl, 'provider', dict('provider', f[PV]));
    pair(dl, 'account', dict('account', f[AC]));
    pair(dl, 'region', dict('region', f[RG]));
    pair(dl, 'type', dict('type', f[TY]));
    pair(dl, 'id', f[ID]);
    pair(dl, 'name', f[NM]);
    pair(dl, 'classification', f[CL]);
    pair(dl, 'message', f[MS]);
    if (f[WV] >= 0) {
      var w = D.waivers[f[WV]];
      pair(dl, 'waiver', w[0] + (w[4] ? ' [' + t('lapsed') + ']' : '') + ' — ' + t('approver') + ': ' + w[1] +
        ', ' + t('ticket') + ': ' + w[2] + ', ' + t('expires') + ': ' + w[3] + ', ' + t('reason') + ': ' + w[5]);
    }
    detail.appendChild(dl);
    detail.appendChild(el('h4', null, t('evidence')));
    if (f[EV]) {
      var table = el('table', 'evidence'), head = el('tr');
      head.appendChild(el('th', null, t('attribute')));
      head.appendChild(el('th', null, t('value')));
      table.appendChild(head);
      Object.keys(f[EV]).forEach(function (path) {
        var tr = el('tr');
        tr.appendChild(el('td', null, path));
        tr.appendChild(el('td', null, JSON.stringify(f[EV][path])));
        table.appendChild(tr);
      });
      detail.appendChild(table);
    } else {
      detail.appendChild(el('p', 'empty', t('noEvidence')));
    }
    if (f[ID]) {
      detail.appendChild(el('h4', null, t('others')));
      var list = el('ul', 'others');
      for (var k = 0; k < F.length && list.childNodes.length < 200; k++) {
        if (F[k][ID] === f[ID]) {
          var other = F[k], li = el('li');
          li.appendChild(el('span', statusClass(dict('status', other[ST])), label('status', dict('status', other[ST]))));
          li.appendChild(document.createTextNode(' '));
          var to = el('a', null, dict('control', other[C]) + ' ' + title(dict('control', other[C])));
          to.href = '#findings';
          to.addEventListener('click', (function (k) { return function () { showDetail(k); }; })(k));
          li.appendChild(to);
          if (other[MS]) { li.appendChild(document.createTextNode(' — ' + other[MS])); }
          if (other[EV]) { li.appendChild(el('div', 'ev', evidenceText(other[EV]))); }
          list.appendChild(li);
        }
      }
      detail.appendChild(list);
    }
    renderPage();
    detail.scrollIntoView({ block: 'nearest' });
  }

  // --- per control: its affected resources, rendered when opened ------------------------------
  var ATTENTION = ['FAIL', 'ERROR', 'MANUAL', 'WAIVED'];
  function renderAffected(box) {
    var control = D.dict.control.indexOf(box.getAttribute('data-ctl'));
    clear(box);
    var list = el('ul'), shown = 0, total = 0;
    for (var i = 0; control >= 0 && i < F.length; i++) {
      var f = F[i];
      if (f[C] !== control || ATTENTION.indexOf(dict('status', f[ST])) < 0) { continue; }
      total++;
      if (shown < 100) {
        shown++;
        var li = el('li'), status = dict('status', f[ST]);
        li.appendChild(el('span', statusClass(status), label('status', status)));
        var a = el('a', null, ' ' + (f[NM] || f[ID] || dict('account', f[AC])));
        a.href = '#findings';
        a.addEventListener('click', (function (k) { return function () { showDetail(k); }; })(i));
        li.appendChild(a);
        li.appendChild(document.createTextNode(' ' + dict('account', f[AC]) + ' ' + dict('region', f[RG]) +
          (f[MS] ? ' — ' + f[MS] : '')));
        list.appendChild(li);
      }
    }
    box.appendChild(total ? list : el('p', 'empty', t('affectedNone')));
    if (total > shown) { box.appendChild(el('p', null, fmt('more', { n: total - shown }))); }
  }
  Array.prototype.forEach.call(document.querySelectorAll('details.ctl'), function (details) {
    details.addEventListener('toggle', function () {
      if (details.open) { renderAffected(details.querySelector('.affected')); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.show-all'), function (button) {
    button.addEventListener('click', function () {
      var control = D.dict.control.indexOf(button.getAttribute('data-ctl'));
      state.filters = {};
      Array.prototype.forEach.call(selects, function (select) {
        select.value = select.getAttribute('data-f') === 'control' && control >= 0 ? String(control) : '';
      });
      if (control >= 0) { state.filters.control = control; }
      refresh();
      document.getElementById('findings').scrollIntoView();
    });
  });

  // --- language ------------------------------------------------------------------------------
  function setLang(value) {
    lang = value === 'en' ? 'en' : 'ja';
    root.setAttribute('lang', lang);
    fillSelects();
    renderPage();
    if (!detail.hidden && state.selected >= 0) { showDetail(state.selected); }
    Array.prototype.forEach.call(document.querySelectorAll('details.ctl[open] .affected'), renderAffected);
  }
  Array.prototype.forEach.call(document.querySelectorAll('.lang-switch button'), function (button) {
    button.addEventListener('click', function () { setLang(button.getAttribute('data-lang')); });
  });

  // --- a link to #ctl-ID opens that control's page ----------------------------------------------
  function openFromHash() {
    var id = location.hash.charAt(0) === '#' ? location.hash.slice(1) : '';
    try { id = decodeURIComponent(id); } catch (e) { return; }
    if (id.indexOf('ctl-') !== 0) { return; }
    var target = document.getElementById(id);
    if (target && target.tagName === 'DETAILS') {
      target.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', openFromHash);

  fillSelects();
  refresh();
  openFromHash();
  // tests and the benchmark wait for this: the first page of rows is there and the filters listen
  document.body.setAttribute('data-ready', '1');
  mark('lc-ready');
})();
