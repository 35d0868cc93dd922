"""CPU time of one gunicorn worker per request kind: where the load test's CPU goes.

    bench/load/cpu_per_request.sh [DATABASE_URL]   (after bench/load/run.sh made the plan)

Drives one worker sequentially over loopback and reads its user+system CPU from /proc before
and after each batch, so the figures exclude the client and queueing.
"""

import json
import os
import random
import sys
import time

import requests

PID, HOST = sys.argv[1], sys.argv[2]
with open(os.environ.get("LOAD_PLAN", "/tmp/yhdyspinta-load/plan.json"), encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)


def cpu_ms():
    with open(f"/proc/{PID}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def measure(label, request, n):
    for _ in range(5):
        request()
    before, started = cpu_ms(), time.perf_counter()
    for _ in range(n):
        request()
    print(f"{label:28s} {(cpu_ms() - before) / n:6.1f} ms CPU/request ({(time.perf_counter() - started) / n * 1000:.1f} ms wall)")


def signed_in(username):
    session = requests.Session()
    session.get(HOST + "/login/")
    before = cpu_ms()
    session.post(HOST + "/login/", data={"username": username, "password": PLAN["password"],
                                         "csrfmiddlewaretoken": session.cookies.get("csrftoken")},
                 headers={"Referer": HOST + "/login/"})
    return session, cpu_ms() - before


anonymous = requests.Session()
everything = PLAN["pages"] + PLAN["details"] + [a + "?limit=20" for a in PLAN["api"]]
measure("anonymous, same page", lambda: anonymous.get(HOST + "/"), 200)
measure("anonymous, any page", lambda: anonymous.get(HOST + random.choice(everything)), 300)
reader, login_ms = signed_in(PLAN["users"][0])
print(f"{'login':28s} {login_ms:6.1f} ms CPU")
measure("signed-in /healthz", lambda: reader.get(HOST + "/healthz"), 150)
measure("signed-in list pages", lambda: reader.get(HOST + random.choice(PLAN["pages"])), 150)
measure("signed-in detail pages", lambda: reader.get(HOST + random.choice(PLAN["details"])), 150)
measure("signed-in API, limit 50", lambda: reader.get(HOST + random.choice(PLAN["api"]) + "?limit=50"), 150)
if PLAN["writers"]:
    job = PLAN["writers"][0]
    writer, _ = signed_in(job["username"])
    counter = iter(range(10**9))
    measure("audited API PATCH", lambda: writer.patch(
        HOST + job["url"], json={job["field"]: f"Mittaus {next(counter)}"},
        headers={"X-CSRFToken": writer.cookies.get("csrftoken"), "Referer": HOST + "/"}), 100)
