#!/usr/bin/env python3
"""Builds the demo call set (src/main/resources/demo/calls.jsonl) from a downloaded scrape of the portal's topics.

Source: European Commission, Funding & Tenders Portal (CC BY 4.0, Decision 2011/833/EU).
Usage: python3 src/tools/make_demo_calls.py /path/to/open-topics-2026-08.jsonl.gz 2026-11-27
The first argument is a portal scrape in gzipped JSON lines (one topic an object: topicId, title, programme,
callIdentifier, actionType, deadline, callStatus, budgetMin, budgetMax, keywords, description, objectives, ...; the
set was made from open-topics-2026-08.jsonl.gz, 629 topics scraped in August 2026). The second is the date from
which deadlines count as ahead; the set prefers calls still open then.
"""
import collections, gzip, json, re, sys

src, today = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in gzip.open(src, 'rt', encoding='utf-8')]
rows = [r for r in rows if r['topicId'] and not re.search(r'[\s/?#%\\]', r['topicId']) and r['description']]
ahead = sorted((r for r in rows if r['deadline'] >= today), key=lambda r: r['topicId'])
behind = sorted((r for r in rows if r['deadline'] < today), key=lambda r: r['topicId'])

# every programme that has calls ahead, then Horizon Europe clusters in turn, up to 200 calls
picked, by_programme = [], collections.defaultdict(list)
for r in ahead:
    by_programme[r['programme']].append(r)
while len(picked) < 190 and any(by_programme.values()):
    for programme in sorted(by_programme):
        if by_programme[programme] and len(picked) < 190:
            picked.append(by_programme[programme].pop(0))
picked += behind[:10]  # a few closed ones, as helpdesks study past rounds

def action_type(r):
    a = r['actionType']
    if r['programme'] == 'Horizon Europe' and a in ('RIA', 'IA', 'CSA'):
        return 'HORIZON-' + a
    return a or None

def clean(text):
    text = re.sub(r'^\W*">', '', text or '').strip()
    return re.sub(r'\s+', ' ', text) or None

out = open('src/main/resources/demo/calls.jsonl', 'w', encoding='utf-8')
for r in sorted(picked, key=lambda r: r['topicId']):
    keywords = list(dict.fromkeys(k.strip() for k in (r['keywords'] or '').split(',') if k.strip()))
    description = clean(r['description'])
    if r['objectives'] and r['objectives'] not in (r['description'] or ''):
        description = (description or '') + ' ' + clean(r['objectives'])
    call = {
        'identifier': r['topicId'], 'callIdentifier': r['callIdentifier'] or None, 'title': r['title'].strip(),
        'callTitle': r['callTitle'] or None, 'programme': r['programme'], 'cluster': r['cluster'] or None,
        'actionType': action_type(r), 'status': r['callStatus'].upper() or None,
        'deadlines': [r['deadline']] if r['deadline'] else [], 'deadlineModel': r['deadlineModel'] or None,
        'budgetMin': r['budgetMin'], 'budgetMax': r['budgetMax'], 'expectedGrants': r['expectedGrants'],
        'description': description, 'keywords': [k for k in keywords if k != r['topicId']],
        'conditions': clean(r['topicConditions']), 'url': r['portalUrl'] or None, 'source': 'ft-portal',
    }
    out.write(json.dumps({k: v for k, v in call.items() if v not in (None, [], '')}, ensure_ascii=False) + '\n')
print(len(picked), 'calls written')
