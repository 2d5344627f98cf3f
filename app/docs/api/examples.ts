// Copy-paste examples for the API documentation page, for a given server address.

export function apiExamples(base: string) {
  return [
    {
      title: 'List the instruments your token may read',
      curl: `export FIELDOPS_TOKEN=fot_...   # from your campaign's admin
curl -H "Authorization: Bearer $FIELDOPS_TOKEN" ${base}/api/v1/instruments`,
      python: `import os, requests

BASE = "${base}"
session = requests.Session()
session.headers["Authorization"] = f"Bearer {os.environ['FIELDOPS_TOKEN']}"

for instrument in session.get(f"{BASE}/api/v1/instruments", timeout=30).json()["instruments"]:
    print(instrument["id"], instrument["health"]["state"], [v["name"] for v in instrument["variables"]])`,
    },
    {
      title: 'The last 7 days as CSV, 10-minute means',
      curl: `curl -H "Authorization: Bearer $FIELDOPS_TOKEN" -D headers.txt -o asfs.csv \\
  "${base}/api/v1/instruments/asfs/data?vars=AirTC_Avg,RH&start=now-7d&every=10m&agg=mean&format=csv"
grep -i '^x-feed' headers.txt   # completeness and gaps in the range`,
      python: `import io
import pandas as pd

response = session.get(f"{BASE}/api/v1/instruments/asfs/data",
                       params={"vars": "AirTC_Avg,RH", "start": "now-7d", "every": "10m", "format": "csv"}, timeout=300)
response.raise_for_status()
print("completeness", response.headers["X-Feed-Completeness"], "gaps", response.headers["X-Feed-Gaps"])
# Line 1: names; line 2: units.
frame = pd.read_csv(io.StringIO(response.text), skiprows=[1], parse_dates=["time"], index_col="time")`,
    },
    {
      title: 'A day of raw data as netCDF, streamed to disk',
      curl: `curl -H "Authorization: Bearer $FIELDOPS_TOKEN" -o van1.nc \\
  "${base}/api/v1/instruments/van1/data?start=2026-03-01T00:00:00Z&end=2026-03-02T00:00:00Z&format=nc"`,
      python: `import xarray as xr

with session.get(f"{BASE}/api/v1/instruments/van1/data",
                 params={"start": "2026-03-01", "end": "2026-03-02", "format": "nc"}, stream=True, timeout=600) as r:
    r.raise_for_status()
    with open("van1.nc", "wb") as out:
        for chunk in r.iter_content(1 << 20):
            out.write(chunk)
dataset = xr.open_dataset("van1.nc")   # CF time, units on every variable`,
    },
    {
      title: 'Raw files: list, download, resume, verify',
      curl: `curl -H "Authorization: Bearer $FIELDOPS_TOKEN" "${base}/api/v1/files?instrument=cl61&from=now-2d&state=appended"
# Resume a partial download with Range; the checksum header is of the whole file.
curl -H "Authorization: Bearer $FIELDOPS_TOKEN" -C - -o file.nc -D headers.txt ${base}/api/v1/files/42/content
grep -i x-checksum-sha256 headers.txt; sha256sum file.nc`,
      python: `import hashlib

page = session.get(f"{BASE}/api/v1/files", params={"instrument": "cl61", "from": "now-2d"}, timeout=60).json()
for entry in page["files"]:
    if entry["download"] is None:
        continue
    content = session.get(BASE + entry["download"], timeout=600).content
    assert hashlib.sha256(content).hexdigest() == entry["sha256"], entry["basename"]
    open(entry["basename"], "wb").write(content)
# More pages: follow page["next"] until it is None.`,
    },
  ];
}
