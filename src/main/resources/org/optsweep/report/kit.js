// optsweep report: chart helpers and the render check (every chart must draw; errors are shown and counted).
'use strict';
var OS = (function () {
  var errors = [];
  var charts = [];
  var expected = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // The state the headless-browser test reads from the DOM: data-report = ready | error | pending.
  function publish() {
    var done = charts.filter(function (c) { return c.done; }).length;
    var b = document.body;
    b.setAttribute('data-charts-expected', String(expected));
    b.setAttribute('data-charts-rendered', String(done));
    b.setAttribute('data-errors', String(errors.length));
    var box = document.getElementById('report-errors');
    if (box) {
      box.textContent = errors.join('\n');
      box.style.display = errors.length ? 'block' : 'none';
    }
    var state = errors.length ? 'error' : (done === expected ? 'ready' : 'pending');
    b.setAttribute('data-report', state);
    document.title = document.title.replace(/ \[.*\]$/, '') + ' [' + state + ' ' + done + '/' + expected + ']';
  }

  window.addEventListener('error', function (e) { errors.push('error: ' + e.message); publish(); });
  var consoleError = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    publish();
    return consoleError.apply(console, arguments);
  };

  // A chart in its own box; it counts as rendered when ECharts reports 'finished' and has drawn elements.
  function chart(parent, id, title, note, option, height) {
    expected++;
    var box = el('div', 'chart-box');
    box.appendChild(el('h4', null, title));
    if (note) box.appendChild(el('p', 'note', note));
    var div = el('div', 'chart');
    div.id = id;
    div.style.height = (height || 300) + 'px';
    box.appendChild(div);
    parent.appendChild(box);
    var entry = { id: id, done: false };
    charts.push(entry);
    publish();
    try {
      var c = echarts.init(div, null, { renderer: 'canvas' });
      entry.chart = c;
      c.on('finished', function () {
        if (entry.done) return;
        var drawn = c.getZr().storage.getDisplayList(true).length;
        if (drawn > 0 && div.clientWidth > 0 && div.clientHeight > 0) {
          entry.done = true;
          div.setAttribute('data-rendered', 'true');
        }
        publish();
      });
      option.animation = false;
      option.textStyle = { fontFamily: 'DejaVu Sans, Helvetica, Arial, sans-serif' };
      c.setOption(option);
      window.addEventListener('resize', function () { c.resize(); });
    } catch (e) {
      errors.push('chart ' + id + ': ' + (e && e.message ? e.message : e));
      publish();
    }
    return box;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined) return '–';
    if (typeof v !== 'number') return String(v);
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(digits || 3)));
    return v.toExponential((digits || 3) - 1);
  }

  // Text from the job file (study and parameter names, values) goes into tooltip HTML escaped.
  function esc(v) {
    return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function pct(v) {
    return v === null || v === undefined ? '–' : (100 * v).toFixed(v < 0.1 && v > 0 ? 1 : 0) + '%';
  }

  // Horizontal intervals [lo, hi] with a dot at the estimate, on a category y axis (offset: within the band).
  function intervals(name, color, items, offset) {
    return {
      type: 'custom', name: name, data: items, encode: { x: [1, 2, 3], y: 0 },
      itemStyle: { color: color },
      renderItem: function (params, api) {
        var y = api.value(0);
        var band = api.size([0, 1])[1];
        var dy = (offset || 0) * band;
        var a = api.coord([api.value(2), y]), b = api.coord([api.value(3), y]), p = api.coord([api.value(1), y]);
        return { type: 'group', children: [
          { type: 'line', shape: { x1: a[0], y1: a[1] + dy, x2: b[0], y2: b[1] + dy }, style: { stroke: color, lineWidth: 3 } },
          { type: 'circle', shape: { cx: p[0], cy: p[1] + dy, r: 5 }, style: { fill: color, stroke: '#fff' } }] };
      }
    };
  }

  // Vertical intervals on a category x axis: items [xIndex, estimate, lower, upper].
  function whiskers(name, color, items) {
    return {
      type: 'custom', name: name, data: items, encode: { x: 0, y: [1, 2, 3] }, z: 5,
      itemStyle: { color: color },
      renderItem: function (params, api) {
        var x = api.value(0);
        var a = api.coord([x, api.value(2)]), b = api.coord([x, api.value(3)]), p = api.coord([x, api.value(1)]);
        var w = api.size([1, 0])[0] * 0.15;
        return { type: 'group', children: [
          { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: color, lineWidth: 2 } },
          { type: 'line', shape: { x1: a[0] - w, y1: a[1], x2: a[0] + w, y2: a[1] }, style: { stroke: color, lineWidth: 2 } },
          { type: 'line', shape: { x1: b[0] - w, y1: b[1], x2: b[0] + w, y2: b[1] }, style: { stroke: color, lineWidth: 2 } },
          { type: 'circle', shape: { cx: p[0], cy: p[1], r: 4 }, style: { fill: color } }] };
      }
    };
  }

  // A band between two lines (quartiles): points [x, lower, upper]; drawn as one polygon, silent.
  function band(name, color, pts) {
    var good = pts.filter(function (p) { return p[1] !== null && p[2] !== null; });
    return {
      type: 'custom', name: name, silent: true, data: good.length ? [good[0]] : [], z: 1,
      encode: { x: 0, y: 1 }, tooltip: { show: false },
      renderItem: function (params, api) {
        var up = good.map(function (p) { return api.coord([p[0], p[2]]); });
        var down = good.slice().reverse().map(function (p) { return api.coord([p[0], p[1]]); });
        return { type: 'polygon', shape: { points: up.concat(down) }, style: { fill: color, opacity: 0.18 } };
      }
    };
  }

  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

  return { el: el, chart: chart, fmt: fmt, pct: pct, esc: esc, intervals: intervals, whiskers: whiskers, band: band,
    palette: palette, publish: publish, errors: errors };
})();
