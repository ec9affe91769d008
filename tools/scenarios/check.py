#!/usr/bin/env python3
"""Checks the shipped scenarios: shares sum to 1, ids resolve, every numeric parameter has a source,
and the initial state holds together (occupants within the places at day 0, ready dates within stays,
tenancies within their failure window).

A numeric leaf is covered when `sources` has a key equal to its id-based path (`stages.hu.places`,
`arrivals.street_115.mix`, `stages.chrs.routes`, ...) or to one of its ancestors at least two levels deep.
Labels, ids and the format version are not parameters. Exit status 1 on any problem.

Run from the repository root:  python3 tools/scenarios/check.py
"""

import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOT_PARAMS = {"format_version", "label", "name", "description", "id", "kind", "code"}


def leaves(obj, path):
    """Yields (id-based path, value) for every numeric leaf."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in NOT_PARAMS or k == "sources":
                continue
            yield from leaves(v, path + [k])
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            key = v.get("id") if isinstance(v, dict) and "id" in v else None
            if key is None and isinstance(v, dict) and "stage" in v and path[-1] == "stages":
                key = None  # initial_state.stages entries: covered by the list's source
            yield from leaves(v, path + ([key] if key else []))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        yield ".".join(path), obj


def covered(path, sources):
    parts = path.split(".")
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in sources:
            return True
    return False


def check(file):
    sc = json.load(open(file, encoding="utf-8"))
    errs = []
    src = sc.get("sources", {})
    for p, v in leaves(sc, []):
        if p.startswith("start.") or p.startswith("territory."):
            p = p.split(".")[0] + ("." + p.split(".")[1] if p.startswith("territory.") else "")
            if p in src or p.split(".")[0] in src:
                continue
        if p in ("horizon_months", "warmup_months") and p in src:
            continue
        if not covered(p, src):
            errs.append(f"no source for {p} = {v}")
    for k, v in src.items():
        if not isinstance(v, str) or len(v) < 20:
            errs.append(f"source {k}: too short to say where the number comes from")
    ids = {s["id"] for s in sc["stages"]} | {e["id"] for e in sc["exits"]}
    types = {t["id"] for t in sc["household_types"]}

    def near1(x):
        return abs(x - 1) < 1e-9

    for a in sc["arrivals"]:
        if not near1(sum(a["mix"].values())):
            errs.append(f"arrivals.{a['id']}.mix sums to {sum(a['mix'].values())}")
        if a.get("seasonality") and abs(sum(a["seasonality"]) / 12 - 1) > 1e-9:
            errs.append(f"arrivals.{a['id']}.seasonality does not average 1")
    for s in sc["stages"]:
        for ty, rts in s.get("routes", {}).items():
            tot = sum(x["p"] for x in rts)
            if not near1(tot):
                errs.append(f"stages.{s['id']}.routes.{ty} sums to {tot}")
            for x in rts:
                if x["to"] not in ids:
                    errs.append(f"stages.{s['id']}.routes.{ty}: unknown destination {x['to']}")
                dest = next((d for d in sc["stages"] if d["id"] == x["to"]), None)
                acc = dest.get("accepts") if dest else None
                concerned = [ty] if ty != "default" else [t for t in types if t not in s.get("routes", {})]
                for t in concerned:
                    if acc is not None and t not in acc and (s.get("accepts") is None or t in s["accepts"]):
                        errs.append(f"stages.{s['id']}.routes.{ty} -> {x['to']} which does not accept {t}")
    if sc.get("prevention") and not near1(sum(sc["prevention"]["mix"].values())):
        errs.append("prevention.mix does not sum to 1")
    for ty, lst in sc["waiting_list"]["orientation"].items():
        if ty != "default" and ty not in types:
            errs.append(f"orientation: unknown type {ty}")
    # The initial state (a run-in's end state, MODEL.md 14.5): within each stage's places at day 0
    # (January: winter places open), ready dates within stays, tenancies within their window.
    init = sc.get("initial_state", {})
    stages = {s["id"]: s for s in sc["stages"]}
    held = {}
    for o in init.get("stages", []):
        held[o["stage"]] = held.get(o["stage"], 0) + o["count"]
        ready = o.get("ready")
        if ready and not (0 <= ready["days"] <= o["days_in_stage"]):
            errs.append(f"initial_state.stages: ready {ready['days']} days in {o['days_in_stage']} days in {o['stage']}")
        if ready and ready["to"] not in stages:
            errs.append(f"initial_state.stages: ready for unknown stage {ready['to']}")
    winter = sc["start"]["month"] in (11, 12, 1, 2, 3)
    for sid, n in held.items():
        st = stages.get(sid, {})
        places = st.get("places", 0) + (st.get("winter_places", 0) if winter else 0)
        if n > places:
            errs.append(f"initial_state.stages: {n} households in {sid}, {places} places at day 0")
    for h in init.get("housed", []):
        st = stages.get(h["stage"], {})
        window = st.get("tenancy_failure_months")
        if st.get("kind") != "allocation":
            errs.append(f"initial_state.housed: {h['stage']} is not an allocation stage")
        elif window is not None and h["days_housed"] > window * 365.25 / 12:
            errs.append(f"initial_state.housed: {h['days_housed']} days housed, beyond the failure window")
    return errs


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "assets/scenarios/**/*.json"), recursive=True))
    files = [f for f in files if not f.endswith("index.json")]
    bad = 0
    for f in files:
        e = check(f)
        rel = os.path.relpath(f, ROOT)
        if e:
            bad += 1
            print(f"{rel}: {len(e)} problem(s)")
            for x in e:
                print("   ", x)
        else:
            print(f"{rel}: ok")
    idx = json.load(open(os.path.join(ROOT, "assets/scenarios/index.json"), encoding="utf-8"))
    for entry in idx["territories"] + idx["variants"] + [idx["region"]]:
        if not os.path.exists(os.path.join(ROOT, "assets/scenarios", entry["file"])):
            bad += 1
            print(f"index.json: missing file {entry['file']}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
