"""Mixed load on the production server: anonymous visitors, logged-in readers and editors who write.

Run by bench/load/run.sh (loopback only, bounded by --run-time, stops by itself). The plan of
URLs and users comes from `manage.py trust_load_plan` (LOAD_PLAN=path to its JSON):
  * Visitor (weight 6): home, page lists, public detail pages, search, API lists.
  * Reader (weight 3): logs in as a generated user, reads pages, detail pages and the API.
  * Writer (LOAD_WRITERS of them, default 10): logs in as an editor and PATCHes a service of
    its own organisation through the API (an audited write) at 2/s each: ≥ 20 writes/s.
Any 5xx, a "database is locked" text or a 4xx answer counts as a failure, except a 403 on a
page the user may not see (a correct refusal) and never on a write.
"""

import json
import os
import random
import re
from itertools import count
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant_throughput, events, task

with open(os.environ.get("LOAD_PLAN", "/tmp/yhdyspinta-load/plan.json"), encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
WORDS = ["tampere", "neuvola", "nuoriso", "sopimus", "yhteistyö", "kirjasto", "liikunta", "helsinki"]
_users = count()
_writers = count()
# Think time of visitors and readers, "MIN,MAX" seconds. The default 0.5–2 s caps 40 browsing
# users at about 30 requests/s however fast the server is; LOAD_WAIT=0.05,0.2 asks for more
# than 100 requests/s from 50 users, which is what the throughput goal measures.
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "0.5,2").split(","))
# Or a fixed pace: LOAD_RATE=2.2 makes each visitor and reader ask 2.2 requests/s (40 of them and
# the 10 writers' 20 writes/s: ~108 requests/s offered), which measures latency *at* the goal's
# throughput instead of at saturation.
RATE = float(os.environ["LOAD_RATE"]) if os.environ.get("LOAD_RATE") else None


def browsing_wait():
    return constant_throughput(RATE) if RATE else between(*WAIT)


_timings: list[tuple[float, float, str]] = []  # (start, response time in ms, method) of every request


@events.request.add_listener
def _record(request_type="", start_time=None, response_time=None, **_kwargs):
    _timings.append((start_time or 0.0, response_time or 0.0, request_type))


@events.quitting.add_listener
def _write_timings(**_kwargs):
    """LOAD_TIMINGS=path: every request's start and duration, for steady-state percentiles."""
    path = os.environ.get("LOAD_TIMINGS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(f"{start:.3f},{ms:.1f},{method}\n" for start, ms, method in _timings)


def check(response, *, denial_ok=False):
    """A 403 on a page the plan lists for everyone is a correct refusal (e.g. the national
    overview for a municipal user), not an error; every other 4xx/5xx is a failure."""
    if denial_ok and response.status_code == 403:
        response.success()
    elif response.status_code >= 400 or "database is locked" in response.text:
        response.failure(f"{response.status_code} {response.url}")
    else:
        response.success()


class Browsing:
    """FastHttpUser (geventhttpclient): a fraction of the CPU of python-requests per request,
    which matters when locust shares the server's two cores."""

    def cookie(self, name):
        return next((c.value for c in self.client.cookiejar if c.name == name), None)

    def get(self, url, name=None):
        with self.client.get(url, name=name or _group(url), catch_response=True) as response:
            check(response, denial_ok=True)

    def login(self, username):
        page = self.client.get("/login/", name="/login/ (form)")
        token = self.cookie("csrftoken") or _csrf_from(page.text)
        form = urlencode({"username": username, "password": PLAN["password"], "csrfmiddlewaretoken": token})
        with self.client.post("/login/", data=form, name="/login/ (post)", catch_response=True,
                              headers={"Referer": self.host + "/login/",
                                       "Content-Type": "application/x-www-form-urlencoded"}) as response:
            if not self.cookie("sessionid"):
                response.failure(f"login of {username} failed ({response.status_code})")
            else:
                response.success()


def _csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def _group(url: str) -> str:
    """Detail pages and queries grouped by their shape in the statistics."""
    url = re.sub(r"/\d+/", "/<id>/", url)
    return url.split("?")[0] + ("?…" if "?" in url else "")


class Visitor(Browsing, FastHttpUser):
    weight = 6
    wait_time = browsing_wait()

    @task(4)
    def page(self):
        self.get(random.choice(PLAN["pages"]))

    @task(3)
    def detail(self):
        if PLAN["details"]:
            self.get(random.choice(PLAN["details"]))

    @task(2)
    def search(self):
        self.get(f"/search/?q={random.choice(WORDS)}", name="/search/?q=…")

    @task(2)
    def api(self):
        self.get(random.choice(PLAN["api"]) + "?limit=20")


class Reader(Browsing, FastHttpUser):
    weight = 3
    wait_time = browsing_wait()

    def on_start(self):
        self.login(PLAN["users"][next(_users) % len(PLAN["users"])])

    @task(3)
    def page(self):
        self.get(random.choice(PLAN["pages"]))

    @task(2)
    def detail(self):
        if PLAN["details"]:
            self.get(random.choice(PLAN["details"]))

    @task(3)
    def api(self):
        self.get(random.choice(PLAN["api"]) + "?limit=50")


class Writer(Browsing, FastHttpUser):
    fixed_count = int(os.environ.get("LOAD_WRITERS", "10"))
    wait_time = constant_throughput(2)

    def on_start(self):
        if not PLAN["writers"]:
            self.environment.runner.quit()
            return
        self.job = PLAN["writers"][next(_writers) % len(PLAN["writers"])]
        self.login(self.job["username"])
        self.n = 0

    @task
    def write(self):
        self.n += 1
        token = self.cookie("csrftoken") or ""
        with self.client.patch(self.job["url"], json={self.job["field"]: f"Kuormitustesti {self.n}"},
                               headers={"X-CSRFToken": token, "Referer": self.host + "/"},
                               name="PATCH " + _group(self.job["url"]), catch_response=True) as response:
            check(response)
