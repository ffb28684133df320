#!/usr/bin/env python3
"""Cuts the test samples in src/test/resources/data from a download of the EU open data the importers read.

Source: European Commission, Funding & Tenders Portal / CORDIS (see src/test/resources/data/SOURCES.md).
Usage: python3 src/tools/make_test_samples.py /path/to/data
where /path/to/data holds the downloaded originals: ft-portal/ft-csv-exports-2024/*.csv (portal CSV exports),
ft-portal/sedia-json/*.json (portal search API responses) and cordis/cordis-horizon-europe.zip (a CORDIS Horizon
Europe projects bundle). The call corpus sample is cut from eval/calls.jsonl of this repository.

Rows are taken whole and byte for byte (BOM, quoting, line ends and all): nothing is edited, only left out.
"""
import csv, io, json, pathlib, shutil, sys, zipfile

data = pathlib.Path(sys.argv[1])
repo = pathlib.Path(__file__).resolve().parents[2]
out = repo / 'src/test/resources/data'


def records(raw):
    """The records of CSV bytes, each with its line end, split at line ends outside quotes."""
    recs, start, quoted = [], 0, False
    for i, c in enumerate(raw):
        if c == 0x22:
            quoted = not quoted
        elif c == 0x0A and not quoted:
            recs.append(raw[start:i + 1])
            start = i + 1
    if start < len(raw):
        recs.append(raw[start:])
    assert b''.join(recs) == raw
    return recs


def parse(raw, delimiter):
    return list(csv.reader(io.StringIO(raw.decode('utf-8-sig'), newline=''), delimiter=delimiter))


def cut(raw, delimiter, keep):
    """The header and the rows (1-based) for which keep(index, row) holds, as they were."""
    recs = records(raw)
    rows = parse(raw, delimiter)
    assert len(rows) == len(recs), 'a record split differs from the csv module'
    kept = [recs[0]] + [recs[i] for i in range(1, len(recs)) if keep(i, rows[i])]
    sample = b''.join(kept)
    assert parse(sample, delimiter) == [rows[0]] + [rows[i] for i in range(1, len(rows)) if keep(i, rows[i])]
    return sample


# Funding & Tenders Portal CSV exports: rows 1-5, every 50th row, the first two-stage row (a second deadline), every
# row of the file's first identifier that occurs twice in it, and the rows the tests name.
NAMED = {'LIFE-2024-STRAT-NAT-SNAP-two-stage'}
exports = out / 'ft-portal/ft-csv-exports-2024'
exports.mkdir(parents=True, exist_ok=True)
for path in sorted((data / 'ft-portal/ft-csv-exports-2024').glob('*.csv')):
    raw = path.read_bytes()
    rows = parse(raw, ',')
    header = rows[0]
    ident, deadline2 = header.index('identifier'), header.index('deadline2')
    ids = [r[ident] for r in rows[1:]]
    twice = next((i for i in ids if ids.count(i) > 1), None)
    two_stage = next((n for n, r in enumerate(rows[1:], 1) if r[deadline2]), None)
    sample = cut(raw, ',', lambda n, r: n <= 5 or n % 50 == 0 or n == two_stage or r[ident] == twice
                 or r[ident] in NAMED)
    (exports / path.name).write_bytes(sample)
    print(path.name, len(rows) - 1, '->', len(parse(sample, ',')) - 1, 'rows,', len(sample), 'bytes')

# Portal search API responses and topic documents: the ones the tests read, whole (a few KB each).
sedia = out / 'ft-portal/sedia-json'
sedia.mkdir(parents=True, exist_ok=True)
for name in ['call_search_10_06_24.json', 'call_dto_10_06_24.json', 'call_dto_12_03_24.json',
             'call_dto_12_03_24_2_pppa.json', 'call_dto_budget_overview.json']:
    shutil.copyfile(data / 'ft-portal/sedia-json' / name, sedia / name)
for path in sorted((data / 'ft-portal/sedia-json').glob('call_details_dto_*.json')):
    shutil.copyfile(path, sedia / path.name)

# CORDIS bundle: every 100th project of topics.csv (which lists every project once), the projects the tests name,
# those of the organisations the tests name, those of the organisations without a country, the first two projects
# that list an organisation twice, and the first 10 of project.csv; with all their rows in all four files.
bundle = zipfile.ZipFile(data / 'cordis/cordis-horizon-europe.zip')
files = {info.filename: bundle.read(info) for info in bundle.infolist()}
organisations = parse(files['organization.csv'], ';')
column = {name: i for i, name in enumerate(organisations[0])}
projects = {r[0] for n, r in enumerate(parse(files['topics.csv'], ';')[1:], 1) if n % 100 == 1}
projects |= {'101059552', '101135437'}  # LignoSilva (project.csv, two-stage topic); AI-CODE (not in project.csv)
projects |= {r[column['projectID']] for r in organisations[1:] if r[column['organisationID']] == '996825642'}
projects.add(next(r[column['projectID']] for r in organisations[1:] if r[column['organisationID']] == '999993274'))
projects |= {r[column['projectID']] for r in organisations[1:] if not r[column['country']]}
seen, doubled = set(), []
for r in organisations[1:]:
    key = (r[column['projectID']], r[column['organisationID']])
    if key in seen and key[0] not in doubled:
        doubled.append(key[0])
    seen.add(key)
projects |= set(doubled[:2])
projects |= {r[0] for r in parse(files['project.csv'], ';')[1:11]}
target = out / 'cordis'
target.mkdir(parents=True, exist_ok=True)
with zipfile.ZipFile(target / 'cordis-horizon-europe-sample.zip', 'w', zipfile.ZIP_DEFLATED) as sample:
    for info in bundle.infolist():
        cut_file = cut(files[info.filename], ';', lambda n, r: r[0] in projects)
        entry = zipfile.ZipInfo(info.filename, info.date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        sample.writestr(entry, cut_file)
        print(info.filename, len(parse(files[info.filename], ';')) - 1, '->', len(parse(cut_file, ';')) - 1, 'rows')
print(len(projects), 'projects')

# The call corpus: every 20th line from the first.
lines = (repo / 'eval/calls.jsonl').read_bytes().splitlines(keepends=True)
(out / 'eval').mkdir(parents=True, exist_ok=True)
kept = lines[::20]
(out / 'eval/calls-sample.jsonl').write_bytes(b''.join(kept))
assert all(json.loads(line) for line in kept)
print('calls.jsonl', len(lines), '->', len(kept), 'lines')
