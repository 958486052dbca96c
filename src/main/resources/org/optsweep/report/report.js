// optsweep report: the sections of the page, drawn from the JSON in #report-data.
(function () {
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var M = D.meta, el = OS.el, fmt = OS.fmt, pct = OS.pct, esc = OS.esc;
  var main = document.getElementById('main');

  function section(title, text) {
    var s = el('section');
    s.appendChild(el('h2', null, title));
    if (text) s.appendChild(el('p', 'lead', text));
    var g = el('div', 'grid');
    s.appendChild(g);
    main.appendChild(s);
    return g;
  }
  function short(p) { return p.indexOf('.') >= 0 ? p.substring(p.indexOf('.') + 1) : p; }
  function rateText(e) {
    if (!e) return '–';
    return e.successes + '/' + e.replicates + ' = ' + pct(e.rate) + ' (' + pct(e.rate_lower) + '–' + pct(e.rate_upper) + ')';
  }
  var logAxis = function (name) { return { type: 'log', name: name, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: function (v) { return fmt(v, 2); } } }; };

  // ---- what the page is about, and the answer in one sentence
  var targets = 'distance to the minimiser ≤ ' + (M.distance_targets[0] !== undefined ? M.distance_targets[0] : '–') +
    (M.gap_targets.length ? ' and value gap ≤ ' + M.gap_targets[0] : '');
  document.getElementById('subtitle').textContent = M.studies.map(function (s) {
    return s.name + ' (' + s.solver + ' on ' + s.objective + ', ' + s.trials.toLocaleString('en') + ' settings)';
  }).join(' · ') + ' · ' + M.replicates + ' replicates per setting · success = ' + targets +
    (M.adaptive ? ' · ' + M.adaptive : '');
  if (!M.complete) {
    var w = document.getElementById('partial');
    w.style.display = 'block';
    w.textContent = 'Partial output: the run has not finished (no _SUCCESS; job.json status ' + (M.status || 'unknown') +
      '). Everything below is computed from the chunks committed so far, and will change when the run is resumed.';
  }
  var confirmed = D.best.length && D.best[0].confirm;
  var answer = document.getElementById('answer');
  function estimate(r) { return confirmed ? r.confirm : r.search; }
  function better(a, b) {   // by the rate, then the lower bound of its interval
    var x = estimate(a), y = estimate(b);
    if (!y || y.rate === null) return true;
    if (!x || x.rate === null) return false;
    return x.rate > y.rate || (x.rate === y.rate && x.rate_lower > y.rate_lower);
  }
  var topOf = {};
  D.best.forEach(function (r) { if (!topOf[r.study] || better(r, topOf[r.study])) topOf[r.study] = r; });
  if (D.best.length) {
    var b = D.best.reduce(function (m, r) { return better(r, m) ? r : m; });
    var est = estimate(b);
    answer.appendChild(el('p', 'answer', 'Most reliable setting' + (confirmed ? ' (confirmed on fresh replicates)' : ' (search stage)') +
      ': ' + b.label + ' — reached the targets in ' + est.successes + ' of ' + est.replicates + ' replicates, ' +
      pct(est.rate) + ' (95% interval ' + pct(est.rate_lower) + '–' + pct(est.rate_upper) + ').'));
  }
  (M.outcomes || []).forEach(function (o) {
    var t = o.stage === 'search' && M.studies.length > 1 ? topOf[o.study] : null;
    var e = t ? estimate(t) : null;
    answer.appendChild(el('p', null, o.study + (o.stage === 'search' ? '' : ' (' + o.stage + ' stage)') + ': ' +
      (e ? 'best ' + t.short.replace(o.study + ' ', '') + ' — ' + e.successes + '/' + e.replicates + ' (' + pct(e.rate_lower) + '–' + pct(e.rate_upper) + '); ' : '') +
      o.any_success.toLocaleString('en') + ' of ' + o.settings.toLocaleString('en') + ' settings reached the targets at least once, ' +
      o.all_success.toLocaleString('en') + ' in every replicate; ' + pct(o.replicates ? o.successes / o.replicates : null) + ' of all solves succeeded.'));
  });
  if (!confirmed) {
    answer.appendChild(el('p', 'caveat', 'These are search-stage estimates: the best of many settings, each scored on ' +
      M.replicates + ' replicates, are the luckiest as much as the best (winner\'s curse), so their rates overstate. ' +
      'The intervals are Wilson 95% on the search replicates alone; a confirmation stage re-measures the best settings on fresh starts.'));
  }

  // ---- best settings: intervals and the table
  var g = section('Best settings', confirmed ? 'Ranked by the confirmed success rate; the search-stage estimate of the same setting beside it.'
    : 'Search stage, ranked by success rate, then expected iterations to success (aRT), then median distance.');
  var labels = D.best.map(function (r) { return r.short; });
  function items(stage) {
    return D.best.map(function (r, i) {
      var e = r[stage];
      if (!e || e.rate === null) return null;
      return { value: [i, e.rate, e.rate_lower, e.rate_upper], tip: '<b>' + esc(r.label) + '</b><br>' + stage + ' stage: ' + rateText(e) +
        '<br>aRT ' + fmt(e.ert_iterations) + ' iterations · median distance ' + fmt(e.distance_median) + ' · median gap ' + fmt(e.gap_median) };
    }).filter(function (x) { return x; });
  }
  var series = [OS.intervals('search stage', '#999999', items('search'), confirmed ? 0.18 : 0)];
  if (confirmed) series.push(OS.intervals('confirmed', '#d62728', items('confirm'), -0.18));
  OS.chart(g, 'chart-best', 'Success rate of the best settings with 95% intervals', 'Hover a point for the setting.', {
    tooltip: { trigger: 'item', formatter: function (p) { return p.data.tip; } },
    legend: { top: 0 }, grid: { left: 430, right: 30, top: 30, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'success rate', nameLocation: 'middle', nameGap: 25, axisLabel: { formatter: pct } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 420, overflow: 'truncate' } },
    series: series
  }, Math.max(220, 40 + 26 * labels.length));
  var table = el('table', 'best');
  var head = el('tr');
  // With a confirmation, every number but the search-stage rate is the confirmation's (100 fresh replicates
  // rather than the few the setting was chosen on).
  (confirmed ? ['#', 'setting', 'confirmed (95%)', 'aRT iterations', 'median distance', 'median gap', 'search stage (Wilson 95%)']
    : ['#', 'setting', 'search stage (Wilson 95%)', 'aRT iterations', 'median distance', 'median gap'])
    .forEach(function (h) { head.appendChild(el('th', null, h)); });
  table.appendChild(head);
  D.best.forEach(function (r) {
    var tr = el('tr');
    var e = confirmed ? r.confirm : r.search;
    [r.rank, r.label, rateText(e), fmt(e && e.ert_iterations), fmt(e && e.distance_median), fmt(e && e.gap_median)]
      .concat(confirmed ? [rateText(r.search)] : []).forEach(function (v) { tr.appendChild(el('td', null, v)); });
    table.appendChild(tr);
  });
  var tb = el('div', 'chart-box wide');
  tb.appendChild(table);
  g.appendChild(tb);

  // ---- heatmaps
  if (D.heatmaps.length) {
    g = section('Where the settings succeed', 'Pooled success rate (successes over replicates of all settings in a cell). Hover a cell for the counts.');
    D.heatmaps.forEach(function (h, k) {
      var max = Math.max.apply(null, h.cells.map(function (c) { return c[2]; }).concat([0.01]));
      OS.chart(g, 'chart-heatmap-' + k, h.study + ': ' + short(h.x.parameter) + ' × ' + short(h.y.parameter),
        h.settings_left_out ? h.settings_left_out + ' settings where a parameter does not apply are left out.' : null, {
          tooltip: { formatter: function (p) { var c = p.data; return esc(h.x.parameter + ' ' + h.x.labels[c[0]]) + '<br>' + esc(h.y.parameter + ' ' + h.y.labels[c[1]]) +
            '<br>' + c[4] + ' of ' + c[5] + ' replicates = ' + pct(c[2]) + ' (Wilson 95% ' + pct(c[6]) + '–' + pct(c[7]) + ')<br>' + c[3] + ' settings'; } },
          grid: { left: 110, right: 90, top: 24, bottom: 80 },
          xAxis: { type: 'category', data: h.x.labels, name: h.x.parameter, nameLocation: 'middle', nameGap: 62, axisLabel: { rotate: 30 } },
          yAxis: { type: 'category', data: h.y.labels, name: h.y.parameter },
          visualMap: { dimension: 2, min: 0, max: max, calculable: false, orient: 'vertical', right: 5, top: 'center', text: [pct(max), '0'], inRange: { color: ['#f7f7f7', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'] } },
          series: [{ type: 'heatmap', data: h.cells, label: { show: h.cells.length <= 120, formatter: function (p) { return p.data[4] > 0 ? pct(p.data[2]) : ''; }, fontSize: 10 } }]
        }, 380);
    });
  }

  // ---- importance and sensitivity
  if (D.importance.length || D.sensitivity.length) {
    g = section('Which knob matters', 'Importance: a random forest\'s mean decrease in impurity (Optuna\'s evaluator) with the success rate as label. Sensitivity: success rate with its Wilson 95% interval (bars) and the median of the settings\' median gap (line, right axis) per binned value.');
    D.importance.forEach(function (s, k) {
      var undefinedImportance = s.items.every(function (i) { return i.importance === null; });
      OS.chart(g, 'chart-importance-' + k, s.study + ': parameter importance', undefinedImportance
        ? 'No importance: the success rate is the same for every setting (nothing to explain). ' + s.method : s.method, {
        tooltip: { trigger: 'axis' }, grid: { left: 130, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', min: 0, max: 1 }, yAxis: { type: 'category', inverse: true, data: s.items.map(function (i) { return i.parameter; }) },
        series: [{ type: 'bar', data: s.items.map(function (i) { return i.importance; }), itemStyle: { color: '#4c72b0' }, label: { show: true, position: 'right', formatter: function (p) { return fmt(p.value, 2); } } }]
      }, 60 + 30 * s.items.length);
    });
    D.sensitivity.filter(function (s) { return s.stage === 'search'; }).forEach(function (s, k) {
      var labels = s.bins.map(function (b) { return b.label; });
      var rates = s.bins.map(function (b, i) { return { value: b.rate === null ? null : b.rate, tip: b }; });
      var positive = s.bins.every(function (b) { return b.median_gap === null || b.median_gap > 0; });
      OS.chart(g, 'chart-sensitivity-' + k, s.study + ': ' + s.parameter, null, {
        tooltip: { trigger: 'axis', formatter: function (ps) { var b = s.bins[ps[0].dataIndex]; return esc(s.parameter + ' ' + b.label) + '<br>' + b.settings + ' settings, ' +
          b.successes + '/' + b.replicates + ' = ' + pct(b.rate) + ' (' + pct(b.lower) + '–' + pct(b.upper) + ')<br>median gap ' + fmt(b.median_gap); } },
        grid: { left: 50, right: 60, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 5 ? 35 : 0, fontSize: 10 } },
        yAxis: [{ type: 'value', min: 0, name: 'success', axisLabel: { formatter: pct } }, positive ? { type: 'log', name: 'median gap', axisLabel: { formatter: function (v) { return fmt(v, 1); } } } : { type: 'value', name: 'median gap' }],
        series: [{ type: 'bar', data: rates, itemStyle: { color: '#9ecae1' } },
          OS.whiskers('Wilson 95%', '#08519c', s.bins.map(function (b, i) { return b.rate === null ? null : [i, b.rate, b.lower, b.upper]; }).filter(function (x) { return x; })),
          { type: 'line', yAxisIndex: 1, data: s.bins.map(function (b) { return b.median_gap; }), itemStyle: { color: '#e6550d' }, connectNulls: true }]
      }, 260);
    });
  }

  // ---- convergence of the best settings
  if (D.curves.length) {
    g = section('Convergence of the best settings', 'Median over the traced replicates of each setting (line) with the quartile band; ' +
      D.curves[0].measure.replace('_', ' ') + ' against iterations (log-log; values below 1e-16 drawn at 1e-16).');
    var floor = function (v) { return v === null ? null : Math.max(v, 1e-16); };
    var ser = [];
    D.curves.forEach(function (c, i) {
      var col = OS.palette[i % OS.palette.length];
      var pts = c.points.filter(function (p) { return p[0] >= 1; });
      ser.push(OS.band(c.label, col, pts.map(function (p) { return [p[0], floor(p[1]), floor(p[3])]; })));
      ser.push({ type: 'line', name: c.label, showSymbol: false, itemStyle: { color: col }, data: pts.map(function (p) { return [p[0], floor(p[2])]; }),
        tooltip: { valueFormatter: function (v) { return fmt(v); } } });
    });
    OS.chart(g, 'chart-convergence', 'Convergence (' + D.curves[0].stage + ' stage; traced replicates per setting: ' +
      D.curves.map(function (c) { return c.traced_replicates; }).join(', ') + ')', null, {
      tooltip: { trigger: 'item', formatter: function (p) { return '<b>' + esc(p.seriesName) + '</b><br>iteration ' + p.data[0] + ': ' + fmt(p.data[1]); } },
      legend: { type: 'scroll', bottom: 0 }, grid: { left: 70, right: 30, top: 20, bottom: 70 },
      xAxis: logAxis('iteration'), yAxis: { type: 'log', name: D.curves[0].measure, axisLabel: { formatter: function (v) { return fmt(v, 1); } } }, series: ser
    }, 420);
  }

  // ---- runtime ECDFs and the fixed-budget view
  if (D.ecdf.length || D.fixed_budget.length) {
    g = section('Runtime distributions', 'ECDF: the fraction of (run, target) pairs — every distance and gap target of the job — reached within a budget. ' +
      'Fixed budget: the best sampled value by each budget (the smallest trace sample at an iteration ≤ B), median and quartile band over traced runs.');
    ['iterations', 'evaluations'].forEach(function (kind) {
      var ss = D.ecdf.filter(function (s) { return s.budget_kind === kind; });
      if (!ss.length) return;
      OS.chart(g, 'chart-ecdf-' + kind, 'Runtime ECDF in ' + kind, null, {
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return pct(v); } }, legend: { bottom: 0, type: 'scroll' },
        grid: { left: 60, right: 30, top: 20, bottom: 70 }, xAxis: logAxis('budget (' + kind + ')'),
        yAxis: { type: 'value', min: 0, max: function (v) { return Math.min(1, Math.ceil(v.max * 11) / 10 || 0.1); }, axisLabel: { formatter: pct } },
        series: ss.map(function (s, i) {
          return { type: 'line', name: s.study + ' · ' + s.solver + (s.stage === 'search' ? '' : ' (' + s.stage + ')'), step: 'end', showSymbol: false,
            itemStyle: { color: OS.palette[i % OS.palette.length] }, data: s.points.map(function (p) { return [p[0], p[1]]; }) };
        })
      }, 320);
    });
    var measures = [];
    D.fixed_budget.forEach(function (s) { if (measures.indexOf(s.measure) < 0) measures.push(s.measure); });
    measures.forEach(function (m) {
      var ss = D.fixed_budget.filter(function (s) { return s.measure === m; });
      var positive = ss.every(function (s) { return s.points.every(function (p) { return p[1] === null || p[1] > 0; }); });
      var ser = [];
      ss.forEach(function (s, i) {
        var col = OS.palette[i % OS.palette.length], name = s.study + ' · ' + s.solver + (s.stage === 'search' ? '' : ' (' + s.stage + ')');
        ser.push(OS.band(name, col, s.points.map(function (p) { return [p[0], p[1], p[3]]; })));
        ser.push({ type: 'line', name: name, itemStyle: { color: col }, data: s.points.map(function (p) { return [p[0], p[2]]; }) });
      });
      OS.chart(g, 'chart-fixed-' + m, 'Fixed budget: ' + m.replace('_', ' ') + ' reached by B iterations', null, {
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmt(v); } }, legend: { bottom: 0, type: 'scroll' },
        grid: { left: 70, right: 30, top: 20, bottom: 70 }, xAxis: logAxis('budget B (iterations)'),
        yAxis: positive ? { type: 'log', axisLabel: { formatter: function (v) { return fmt(v, 1); } } } : { type: 'value' }, series: ser
      }, 320);
    });
  }

  // ---- the lambda path
  D.lambda.forEach(function (s, k) {
    g = g && k ? g : section('λ path', 'Per λ the best setting (by success rate, then aRT, then median gap): its median final value and success rate; reference optima where references/ has them.');
    var lambdas = s.points.map(function (p) { return fmt(p[0]); });
    var ser = [{ type: 'line', name: 'median final value', data: s.points.map(function (p) { return p[2]; }) },
      { type: 'line', name: 'success rate', yAxisIndex: 1, data: s.points.map(function (p) { return p[3]; }) }];
    if (s.references.length) {
      var refF = s.points.map(function (p) { var r = s.references.filter(function (x) { return x[0] === p[0]; })[0]; return r ? r[2] : null; });
      var refNz = s.points.map(function (p) { var r = s.references.filter(function (x) { return x[0] === p[0]; })[0]; return r ? r[3] : null; });
      ser.push({ type: 'line', name: 'reference f*', data: refF, lineStyle: { type: 'dashed' } });
      ser.push({ type: 'bar', name: 'nonzero coefficients of x*', yAxisIndex: 2, data: refNz, barWidth: '20%' });
    }
    OS.chart(g, 'chart-lambda-' + k, s.study + ' (' + s.objective + '): value and success against λ', null, {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmt(v); } }, legend: { bottom: 0 },
      grid: { left: 70, right: 110, top: 30, bottom: 60 }, xAxis: { type: 'category', data: lambdas, name: 'λ' },
      yAxis: [{ type: 'value', name: 'value', scale: true }, { type: 'value', min: 0, max: 1, name: 'success', axisLabel: { formatter: pct } },
        { type: 'value', name: 'nonzeros', offset: 55, show: s.references.length > 0 }], series: ser
    }, 320);
  });

  document.getElementById('stamp').textContent = 'optsweep report of ' + M.location + ' · stages: ' + M.stages.join(', ') +
    ' · ' + M.method + ' search, ' + M.solves_planned.toLocaleString('en') + ' solves planned';
  OS.publish();
})();
