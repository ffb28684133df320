#!/usr/bin/env python3
"""Measures the current call ranking against the helpdesk's own judgements (Python 3 standard library only).

Downloads the decisions export (GET /api/v1/decisions/export), takes each member's kept calls (SHORTLISTED,
CONTACTED, APPLYING, SUBMITTED) as relevant, asks the service for the member's call matches
(GET /api/v1/members/{id}/call-matches) and computes, per member with at least one relevant call:

  Recall@10  the share of its relevant calls among its first 10 matches;
  MRR        1 / the rank of its first relevant call among the first --depth matches (0 when none is there).

Both are averaged over the members. By default the ranking is asked for with feedback=false: the decisions
themselves would otherwise lift the very calls they judge. --with-feedback measures the ranking as staff see it.
Closed calls are included (status=OPEN,FORTHCOMING,CLOSED): a call decided on months ago may have closed since.

    python3 src/tools/judgements_eval.py --url http://localhost:8080 [--user U --password P] [--json out.json]
"""
import argparse
import base64
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

KEPT = {"SHORTLISTED", "CONTACTED", "APPLYING", "SUBMITTED"}


def get(base, path, params, auth, accept="application/json"):
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(url, headers={"Accept": accept})
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        raise SystemExit(f"GET {url}: {e.code} {e.read().decode(errors='replace')[:300]}")


def judgements(base, auth, member=None):
    params = {"format": "json"}
    if member:
        params["member"] = member
    return get(base, "/api/v1/decisions/export", params, auth)


def relevant_by_member(rows):
    relevant = {}
    for row in rows:
        if row.get("decision") in KEPT:
            relevant.setdefault(row["memberId"], set()).add(row["callIdentifier"])
    return relevant


def evaluate(base, auth, relevant, depth, with_feedback, k=10):
    per_member = []
    for member_id, calls in sorted(relevant.items()):
        page = get(base, f"/api/v1/members/{member_id}/call-matches",
                   {"limit": depth, "status": "OPEN,FORTHCOMING,CLOSED",
                    "feedback": "true" if with_feedback else "false"}, auth)
        ranked = [item["call"]["identifier"] for item in page.get("items", [])]
        found = [c for c in ranked[:k] if c in calls]
        first = next((i + 1 for i, c in enumerate(ranked) if c in calls), None)
        per_member.append({"member": member_id, "relevant": len(calls), f"recall@{k}": len(found) / len(calls),
                           "rr": 1.0 / first if first else 0.0, "firstRank": first})
    n = len(per_member)
    return {
        "members": n,
        "judgedCalls": sum(m["relevant"] for m in per_member),
        f"recall@{k}": sum(m[f"recall@{k}"] for m in per_member) / n if n else None,
        "mrr": sum(m["rr"] for m in per_member) / n if n else None,
        "feedback": with_feedback,
        "depth": depth,
        "perMember": per_member,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8080", help="the service (default %(default)s)")
    parser.add_argument("--user", help="Basic authentication user (the service requires one once secured)")
    parser.add_argument("--password", help="its password")
    parser.add_argument("--member", help="only this member's judgements")
    parser.add_argument("--depth", type=int, default=200, help="how many matches to rank for MRR (at most 200)")
    parser.add_argument("--with-feedback", action="store_true",
                        help="rank with the decisions' feedback (it favours the judged calls)")
    parser.add_argument("--json", help="also write the figures, per member too, to this file")
    args = parser.parse_args(argv)
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password go together")
    auth = f"{args.user}:{args.password}" if args.user else None
    relevant = relevant_by_member(judgements(args.url, auth, args.member))
    if not relevant:
        print("No kept calls (SHORTLISTED, CONTACTED, APPLYING, SUBMITTED) in the decisions export: nothing to measure.")
        return 1
    result = evaluate(args.url, auth, relevant, min(max(args.depth, 10), 200), args.with_feedback)
    print(f"members {result['members']}, judged calls {result['judgedCalls']}, feedback {result['feedback']}")
    print(f"Recall@10 {result['recall@10']:.3f}")
    print(f"MRR       {result['mrr']:.3f}  (first {result['depth']} matches)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
