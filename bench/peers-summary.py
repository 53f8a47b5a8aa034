#!/usr/bin/env python3
"""bench/peers.sh's runs.tsv -> the markdown tables of issue 14, with ratios from the same run.

Medians over rounds of each (mode, connections, target); "added" compares with the mock reached
directly, "vs nginx" with the floor. Usage: peers-summary.py runs.tsv
"""
import statistics
import sys

NAMES = {
    'direct': 'mock reached directly',
    'nginx': 'nginx reverse proxy (floor)',
    'scg': 'Spring Cloud Gateway (plain JVM proxy, no LLM logic)',
    'portkey': 'Portkey gateway 1.15.2',
    'sb': '**Switchboard**',
    'sb-base': 'Switchboard, earlier build (BASE_JAR)',
    'sb-uring': 'Switchboard on io_uring (server.transport)',
    'sb-poll': 'Switchboard, loops poll 200 us before blocking (server.busy_poll)',
    'sb-policy': 'Switchboard with the example data policy',
    'sb-base-policy': 'Switchboard, earlier build, with the example data policy',
    'sb-budget': 'Switchboard, a key with budgets and rate limits',
    'sb-anth': 'Switchboard, Anthropic in, OpenAI-format mock',
}
ORDER = ['direct', 'nginx', 'scg', 'portkey', 'sb', 'sb-poll', 'sb-uring', 'sb-base', 'sb-policy', 'sb-base-policy', 'sb-budget', 'sb-anth']
MIB = 1024
VARIANTS = ('sb', 'sb-poll', 'sb-uring')  # the current build's listeners, each checked against the targets


def read_runs(path):
    wrk, first, rss, meta = {}, {}, {}, {}
    for line in open(path):
        row = dict(col.split('=', 1) for col in line.rstrip('\n').split('\t') if '=' in col)
        kind = row.get('kind')
        if kind == 'wrk':
            wrk.setdefault((row['mode'], int(row['conns']), row['target']), []).append(row)
        elif kind == 'first':
            first.setdefault(row['target'], []).append(row)
        elif kind == 'rss':
            rss[(row['when'], row['target'])] = int(row['kib'])
        elif kind == 'meta':
            meta = row
    return wrk, first, rss, meta


def median(rows, key):
    values = [float(r[key]) for r in rows if r.get(key) not in (None, '', 'nan')]
    return statistics.median(values) if values else None


def cpu_per_request(rows):
    values = [float(r['cpu_us']) / int(r['requests']) for r in rows if int(r.get('requests', 0)) > 0]
    return statistics.median(values) if values else None


def failures(rows):
    return sum(int(r.get('non2xx', 0)) + int(r.get('errors', 0)) for r in rows)


def ratio(value, ref, digits=2):
    return f'{value / ref:.{digits}f}x' if value is not None and ref else ''


def fmt(value, spec, suffix=''):
    return '' if value is None else f'{value:{spec}}{suffix}'


def versus_scg(added):
    return '' if added is None else f' (SCG {added:+.3f} ms)'


def targets_in(table, mode, conns):
    return [t for t in ORDER if (mode, conns, t) in table]


def label(target, mode):
    name = NAMES.get(target, target)
    return name + {'plain': '', 'stream': ', streamed', 'long': ', long streams', 'agent': ', 80 KB agent request'}[mode]


class Summary:
    def __init__(self, path):
        self.wrk, self.first, self.rss, self.meta = read_runs(path)
        self.rounds = self.meta.get('rounds', '?')
        self.checks = []

    def rows(self, mode, conns, target):
        return self.wrk.get((mode, conns, target), [])

    def added_p50(self, mode, target):
        p50, ref = median(self.rows(mode, 1, target), 'p50_ms'), median(self.rows(mode, 1, 'direct'), 'p50_ms')
        return None if p50 is None or ref is None else p50 - ref

    def one_at_a_time(self):
        print(f'\n### One request at a time (wrk -c1, {self.meta.get("dur_c1")} runs), medians of {self.rounds} '
              'alternating rounds\n')
        print('| target | p50 | added p50 vs the mock reached directly | CPU per request | CPU vs nginx | errors |')
        print('|---|---:|---:|---:|---:|---:|')
        for mode in ('plain', 'stream', 'agent'):
            nginx_cpu = cpu_per_request(self.rows(mode, 1, 'nginx'))
            for t in targets_in(self.wrk, mode, 1):
                rows = self.rows(mode, 1, t)
                added = '(reference)' if t == 'direct' else fmt(self.added_p50(mode, t), '+.3f', ' ms')
                cpu = cpu_per_request(rows)
                name = label(t, mode) + (' (to the end of the stream)' if mode == 'stream' and t != 'direct' else '')
                print(f'| {name} | {fmt(median(rows, "p50_ms"), ".3f", " ms")} | {added} | {fmt(cpu, ",.0f", " us")} | '
                      f'{"" if t == "direct" else ratio(cpu, nginx_cpu, 1)} | {failures(rows)} |')

    def added_first(self, target, key):
        value, ref = median(self.first.get(target, []), key), median(self.first.get('direct', []), key)
        return None if value is None or ref is None else value - ref

    def first_event(self):
        if not self.first:
            return
        print(f'\n### Streamed, one request at a time: time to the first event (bench/first-event.mjs, '
              f'{self.meta.get("first_n")} requests per round), medians of {self.rounds} alternating rounds\n')
        print('| target | first event p50 | added vs the mock\'s | end of stream p50 | added vs the mock\'s | errors |')
        print('|---|---:|---:|---:|---:|---:|')
        for t in [t for t in ORDER if t in self.first]:
            rows = self.first[t]
            ref = t == 'direct'
            print(f'| {label(t, "stream")} | {fmt(median(rows, "first_p50_ms"), ".3f", " ms")} | '
                  f'{"(reference)" if ref else fmt(self.added_first(t, "first_p50_ms"), "+.3f", " ms")} | '
                  f'{fmt(median(rows, "end_p50_ms"), ".3f", " ms")} | '
                  f'{"(reference)" if ref else fmt(self.added_first(t, "end_p50_ms"), "+.3f", " ms")} | '
                  f'{sum(int(r.get("errors", 0)) for r in rows)} |')

    def under_load(self, conns):
        print(f'\n### {conns} connections (wrk -t2 -c{conns}, {self.meta.get("dur")} runs), medians of {self.rounds} '
              'alternating rounds\n')
        print('| target | req/s | req/s vs nginx | CPU per request | CPU vs nginx | errors |')
        print('|---|---:|---:|---:|---:|---:|')
        for mode in ('plain', 'stream', 'agent'):
            nginx_rps, nginx_cpu = median(self.rows(mode, conns, 'nginx'), 'rps'), cpu_per_request(self.rows(mode, conns, 'nginx'))
            for t in targets_in(self.wrk, mode, conns):
                rows = self.rows(mode, conns, t)
                rps, cpu = median(rows, 'rps'), cpu_per_request(rows)
                print(f'| {label(t, mode)} | {fmt(rps, ",.0f")} | {ratio(rps, nginx_rps)} | {fmt(cpu, ",.0f", " us")} | '
                      f'{ratio(cpu, nginx_cpu, 1)} | {failures(rows)} |')
        pk = median(self.rows('plain', conns, 'portkey'), 'rps')
        for t in VARIANTS:
            sb = median(self.rows('plain', conns, t), 'rps')
            if sb and pk:
                print(f'\n{NAMES[t].strip("*")}: req/s vs Portkey\'s (non-streamed, {conns} connections): **{sb / pk:.1f}x**')

    def long_streams(self):
        levels = sorted({c for (m, c, _) in self.wrk if m == 'long'})
        chunks = int(self.meta.get('chunks', 1000))
        for conns in levels:
            print(f'\n### Long streams ({chunks:,} chunks each, wrk -c{conns}, {self.meta.get("dur_long")} runs), '
                  f'medians of {self.rounds} alternating rounds\n')
            print('| target | streams/s | vs nginx | CPU per chunk | CPU per chunk vs nginx | CPU per stream | errors |')
            print('|---|---:|---:|---:|---:|---:|---:|')
            nginx_rps, nginx_cpu = median(self.rows('long', conns, 'nginx'), 'rps'), cpu_per_request(self.rows('long', conns, 'nginx'))
            for t in targets_in(self.wrk, 'long', conns):
                rows = self.rows('long', conns, t)
                rps, cpu = median(rows, 'rps'), cpu_per_request(rows)
                per_chunk = None if cpu is None else cpu / chunks
                print(f'| {label(t, "long")} | {fmt(rps, ",.0f")} | {ratio(rps, nginx_rps)} | {fmt(per_chunk, ".2f", " us")} | '
                      f'{ratio(cpu, nginx_cpu, 1)} | {fmt(cpu, ",.0f", " us")} | {failures(rows)} |')

    def memory(self):
        names = sorted({t for (_, t) in self.rss}, key=lambda t: (not t.startswith('sb'), t))
        print('\n### Resident memory (RSS of the process and its children)\n')
        print(f'JVM flags of every Switchboard (the launcher\'s): `{self.meta.get("jvm_flags") or "(none)"}`'
              + (f', plus GW_JAVA_OPTS `{self.meta["gw_java_opts"]}`' if self.meta.get('gw_java_opts') else '') + '\n')
        print('| process | idle after start | after the load |')
        print('|---|---:|---:|')
        for t in names:
            idle, after = self.rss.get(('idle', t)), self.rss.get(('after', t))
            print(f'| {NAMES.get(t, t)} | {fmt(idle and idle / MIB, ",.0f", " MiB")} | {fmt(after and after / MIB, ",.0f", " MiB")} |')

    def check(self, what, value, ok, shown):
        if value is not None:
            self.checks.append((what, shown, 'met' if ok else '**not met**'))

    def targets(self, target):
        """Issue 14's targets for one Switchboard target, judged on this run's figures."""
        self.checks = []
        added, scg_added = self.added_p50('plain', target), self.added_p50('plain', 'scg')
        self.check('one at a time: added p50 <= 0.1 ms, and less than SCG adds', added,
                   added is not None and added <= 0.1 and (scg_added is None or added < scg_added),
                   f'{fmt(added, "+.3f")} ms' + versus_scg(scg_added))
        first, scg_first = self.added_first(target, 'first_p50_ms'), self.added_first('scg', 'first_p50_ms')
        self.check('streamed: first event within 0.2 ms of the mock\'s, and less than SCG adds', first,
                   first is not None and first <= 0.2 and (scg_first is None or first < scg_first),
                   f'{fmt(first, "+.3f")} ms' + versus_scg(scg_first))
        whole, scg_whole = self.added_p50('stream', target), self.added_p50('stream', 'scg')
        self.check('streamed: whole stream within 0.3 ms (wrk -c1), and less than SCG adds', whole,
                   whole is not None and whole <= 0.3 and (scg_whole is None or whole < scg_whole),
                   f'{fmt(whole, "+.3f")} ms' + versus_scg(scg_whole))
        for conns in sorted({c for (m, c, _) in self.wrk if m == 'plain' and c > 1}):
            self.load_targets(conns, target)
        for conns in sorted({c for (m, c, _) in self.wrk if m == 'long'}):
            chunks = int(self.meta.get('chunks', 1000))
            cpu, rps = cpu_per_request(self.rows('long', conns, target)), median(self.rows('long', conns, target), 'rps')
            nginx_rps = median(self.rows('long', conns, 'nginx'), 'rps')
            self.check(f'long streams, {conns} conn.: <= 2 us CPU per chunk', cpu, cpu is not None and cpu / chunks <= 2,
                       f'{fmt(cpu and cpu / chunks, ".2f")} us')
            self.check(f'long streams, {conns} conn.: >= 0.5x nginx\'s streams/s', rps and nginx_rps,
                       bool(rps and nginx_rps) and rps / nginx_rps >= 0.5, ratio(rps, nginx_rps))
        idle, after = self.rss.get(('idle', target)), self.rss.get(('after', target))
        self.check('resident memory idle after start <= 128 MiB', idle, idle is not None and idle <= 128 * MIB,
                   f'{fmt(idle and idle / MIB, ".0f")} MiB')
        self.check('resident memory after the load <= 512 MiB', after, after is not None and after <= 512 * MIB,
                   f'{fmt(after and after / MIB, ".0f")} MiB')
        if self.checks:
            who = '' if target == 'sb' else f' ({NAMES[target]})'
            print(f'\n### Issue 14\'s targets, on this run{who}\n')
            print('| target | this run | |')
            print('|---|---:|---|')
            for what, shown, verdict in self.checks:
                print(f'| {what} | {shown} | {verdict} |')

    def load_targets(self, conns, target):
        rps, cpu = median(self.rows('plain', conns, target), 'rps'), cpu_per_request(self.rows('plain', conns, target))
        nginx_rps, nginx_cpu = median(self.rows('plain', conns, 'nginx'), 'rps'), cpu_per_request(self.rows('plain', conns, 'nginx'))
        portkey = median(self.rows('plain', conns, 'portkey'), 'rps')
        self.check(f'{conns} conn.: >= 0.3x nginx\'s req/s', rps and nginx_rps, bool(rps and nginx_rps) and rps / nginx_rps >= 0.3,
                   ratio(rps, nginx_rps))
        self.check(f'{conns} conn.: <= 4x nginx\'s CPU per request', cpu and nginx_cpu,
                   bool(cpu and nginx_cpu) and cpu / nginx_cpu <= 4, ratio(cpu, nginx_cpu, 1))
        self.check(f'{conns} conn.: >= 20x Portkey\'s req/s', rps and portkey, bool(rps and portkey) and rps / portkey >= 20,
                   ratio(rps, portkey, 1))
        srps, scpu = median(self.rows('stream', conns, target), 'rps'), cpu_per_request(self.rows('stream', conns, target))
        grps, gcpu = median(self.rows('stream', conns, 'scg'), 'rps'), cpu_per_request(self.rows('stream', conns, 'scg'))
        self.check(f'{conns} conn., streamed: >= SCG\'s req/s at less CPU per request', srps and grps,
                   bool(srps and grps and scpu and gcpu) and srps >= grps and scpu < gcpu,
                   f'{ratio(srps, grps)} req/s, {ratio(scpu, gcpu)} CPU')

    def print_all(self):
        m = self.meta
        print(f'## Switchboard beside its peers (bench/peers.sh, commit {m.get("commit", "?")}'
              f'{", QUICK" if m.get("quick") == "1" else ""})')
        print('\nAll on one machine on loopback; wrk, the mocks and the proxies share its cores, so read the ratios.')
        others = [float(r['others_pct']) for rows in self.wrk.values() for r in rows if 'others_pct' in r]
        if others:
            print(f'Processes outside the bench took a median {statistics.median(others):.0f}% of the machine\'s CPU during '
                  f'the measured runs (at most {max(others):.0f}%)'
                  + ('; figures from a machine this busy are noisy.' if statistics.median(others) > 5 else '.'))
        if any(c == 1 for (_, c, _) in self.wrk):
            self.one_at_a_time()
        self.first_event()
        for conns in sorted({c for (m, c, _) in self.wrk if m != 'long' and c > 1}):
            self.under_load(conns)
        self.long_streams()
        self.memory()
        for target in VARIANTS:
            if any(t == target for (_, _, t) in self.wrk):
                self.targets(target)


if __name__ == '__main__':
    Summary(sys.argv[1]).print_all()
