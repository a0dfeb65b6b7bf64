"""Importing a GeoNames country dump (tiny fixture in the real 19-column format)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import letopis.gazetteer as G
from letopis.gazetteer import cache, import_geonames_dump, load_gazetteer

FIXTURE = Path(__file__).parent / "fixtures" / "UA-tiny.txt"


@pytest.fixture
def cache_copy(gaz, tmp_path) -> Path:
    """A cache directory holding a copy of the already built index (no rebuild needed)."""
    root = cache.cache_root()
    built = cache.index_path(root, cache.input_hash(root))
    assert built.is_file()
    shutil.copy(built, tmp_path / built.name)
    return tmp_path


def test_import_adds_villages(cache_copy):
    added = import_geonames_dump(FIXTURE, cache_dir=cache_copy)
    assert added == 2                       # the river is not a place, Kharkiv is already there
    g = load_gazetteer(cache_copy)
    mentions = g.find("Чоловіка затримали в Летописівці вчора.")
    assert [m.surface for m in mentions] == ["Летописівці"]
    place = g.resolve(mentions[0])
    assert place.id == "geonames:99900001" and place.admin1 == "Poltava Oblast" and place.population == 120
    assert g.lookup("Letopysivka")[0].id == "geonames:99900001"
    assert g.lookup("Грушкове Поле")[0].admin1 == "Kharkiv Oblast"
    assert import_geonames_dump(FIXTURE, cache_dir=cache_copy) == 0

    # a new process (nothing in memory) gets the imported places from the cache, without a rebuild
    G._loaded.clear()
    again = load_gazetteer(cache_copy)
    assert again.lookup("Летописівка")[0].id == "geonames:99900001"


def test_import_leaves_the_default_gazetteer_alone(gaz, cache_copy):
    import_geonames_dump(FIXTURE, cache_dir=cache_copy)
    assert gaz.lookup("Летописівка") == []


@pytest.mark.parametrize("content", [
    "",
    "hello\tworld\n",
    "x\tName\tName\t\tnot-a-lat\t33.4\tP\tPPL\tUA\t\t18\t\t\t\t0\t\t0\tEurope/Kyiv\t2024-01-01\n",
])
def test_bad_dump_raises_value_error(tmp_path, content):
    bad = tmp_path / "UA.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        import_geonames_dump(bad, cache_dir=tmp_path)
    assert "\n" not in str(err.value) and "UA.txt" in str(err.value)


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "UA.zip"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00\x80" * 10)
    with pytest.raises(ValueError):
        import_geonames_dump(binary, cache_dir=tmp_path)
    with pytest.raises(ValueError):
        import_geonames_dump(tmp_path / "missing.txt", cache_dir=tmp_path)


def test_input_hash_follows_the_imported_dumps(tmp_path):
    """The hash is memoised per process, yet a dump added or rewritten changes it at once."""
    first = cache.input_hash(tmp_path)
    assert cache.input_hash(tmp_path) == first
    imports = cache.imports_dir(tmp_path)
    imports.mkdir()
    (imports / "XX.tsv").write_text("1\tA\n", encoding="utf-8")
    second = cache.input_hash(tmp_path)
    assert second != first
    (imports / "XX.tsv").write_text("1\tAB\n", encoding="utf-8")
    third = cache.input_hash(tmp_path)
    assert third not in (first, second)
    (imports / "XX.tsv").unlink()
    assert cache.input_hash(tmp_path) == first
