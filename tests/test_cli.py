"""The command line as a user runs it: `python main.py …`, exit codes, and output a script can read."""

from __future__ import annotations

import json

from helpers import starlight


def test_sample_then_show_json_prints_the_whole_entry(tmp_path):
    db = str(tmp_path / "x.db")
    result = starlight("--db", db, "sample")
    assert result.returncode == 0, result.stderr
    shown = starlight("--db", db, "show", "Lost in Starlight", "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    work = doc["works"][0]
    assert work["original_title"] == "이 별에 필요한"
    assert {p["name"] for p in doc["people"]} >= {"Han Ji-won", "Kang Hyun-joo", "Kim Tae-ri", "Hong Kyung",
                                                  "Bong Joon Ho"}
    assert work["ratings"][0]["value"] == 91 and work["availability"][0]["platform"] == "Netflix"
    assert {r["title"] for r in work["relations"]} == {"The Summer", "Your Name", "Suzume"}
    # A shown work stands on its own: relations to works outside it are stubs, so it imports anywhere.
    assert all(r["target"] is None for r in work["relations"])
    back = starlight("--db", str(tmp_path / "y.db"), "import", "-", stdin=shown.stdout)
    assert back.returncode == 0, back.stderr


def test_show_by_original_title_or_id_and_as_text(tmp_path):
    db = str(tmp_path / "x.db")
    starlight("--db", db, "sample")
    text = starlight("--db", db, "show", "기생충").stdout
    assert text.startswith("Parasite (2019)") and "Bong Joon Ho (봉준호)" in text
    assert starlight("--db", db, "show", "1").stdout.startswith("Lost in Starlight (2025)")


def test_list_prints_one_work_a_line_as_tab_separated_fields(tmp_path):
    db = str(tmp_path / "x.db")
    starlight("--db", db, "sample")
    result = starlight("--db", db, "list", "kind:anime")
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [fields[1] for fields in lines] == ["Lost in Starlight", "The Summer", "Suzume", "Your Name"]
    assert lines[0][2:] == ["2025", "film", "이 별에 필요한"]
    assert starlight("--db", db, "list", "--count").stdout.strip() == "8"


def test_export_to_stdout_and_import_round_trip(tmp_path):
    db, other = str(tmp_path / "x.db"), str(tmp_path / "y.db")
    starlight("--db", db, "sample")
    exported = starlight("--db", db, "export", "-")
    assert exported.returncode == 0
    assert starlight("--db", other, "import", "-", "--format", "json", stdin=exported.stdout).returncode == 0
    again = starlight("--db", other, "export", "-").stdout

    def strip(text):
        obj = json.loads(text)
        obj.pop("exported_at")
        return obj
    assert strip(again) == strip(exported.stdout)


def test_user_errors_exit_1_with_one_line_and_usage_errors_exit_2(tmp_path):
    db = str(tmp_path / "x.db")
    starlight("--db", db, "sample")
    missing = starlight("--db", db, "show", "No Such Film")
    assert missing.returncode == 1
    assert missing.stderr == "starlight: no work called 'No Such Film' in the catalog\n"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "starlight-catalog", "version": 1, "works": [{"title": "X", "year": 99999}]}')
    result = starlight("--db", db, "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "bad.json: works[0] ('X').year: must be between" in result.stderr
    again = starlight("--db", db, "sample")
    assert again.returncode == 1 and "the sample is in this catalog already" in again.stderr
    assert starlight("--db", db, "frobnicate").returncode == 2
    assert starlight("--db", db, "list", "year:soon").returncode == 1


def test_check_and_backup_while_the_catalog_is_open(tmp_path):
    from catalog_app.services.catalog import Catalog

    db = tmp_path / "x.db"
    starlight("--db", str(db), "sample")
    with Catalog.open(str(db)) as open_elsewhere:  # as the app would hold it
        open_elsewhere.db.execute_sql("SELECT count(*) FROM work")
        result = starlight("--db", str(db), "backup", str(tmp_path / "copy.sqlite"))
        assert result.returncode == 0, result.stderr
    check = starlight("--db", str(tmp_path / "copy.sqlite"), "check")
    assert check.returncode == 0 and "no problems found (8 works)" in check.stdout


def test_help_and_version():
    assert starlight("--help").returncode == 0
    assert "sample" in starlight("--help").stdout
    assert starlight("--version").stdout.startswith("Starlight ")


def test_default_catalog_lives_in_the_user_data_folder(tmp_path):
    result = starlight("sample", env={"STARLIGHT_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "catalog.sqlite").is_file()


def test_show_takes_an_unquoted_title_and_list_a_negated_query(tmp_path):
    db = str(tmp_path / "x.db")
    starlight("--db", db, "sample")
    assert starlight("--db", db, "show", "이", "별에", "필요한").stdout.startswith("Lost in Starlight (2025)")
    listed = starlight("--db", db, "list", "--", "-status:completed", "-kind:series").stdout.splitlines()
    assert [line.split("\t")[1] for line in listed] == ["KPop Demon Hunters", "Soulmate", "The Summer", "Suzume"]


def test_backup_onto_a_folder_is_a_clear_error(tmp_path):
    db = str(tmp_path / "x.db")
    starlight("--db", db, "sample")
    result = starlight("--db", db, "backup", str(tmp_path))
    assert result.returncode == 1 and result.stderr == f"starlight: {tmp_path}: is a folder; give the backup a file name\n"
