"""A document of the meeting pack that cannot be made is said on the page, in the user's
language (issue 22 #6: the framework only shows a passing English line under the button)."""

from __future__ import annotations


def test_a_download_that_fails_says_so_on_the_page(two_rounds_app, db, cli):
    two_rounds_app.run()
    assert not two_rounds_app.error
    deleted = cli("delete", "2", "--db", db)  # the round shown goes while the page is open
    assert deleted.returncode == 0, deleted.stderr
    two_rounds_app.download_button(key="dl_slides").click().run()
    assert not two_rounds_app.exception
    assert [e.value for e in two_rounds_app.error] == [
        "Lysbilder (pptx) kunne ikke lages. Prøv igjen om litt; lykkes det ikke, står årsaken "
        "i serverens logg."]
    two_rounds_app.run()
    assert not two_rounds_app.error


def test_a_download_that_is_made_says_nothing_more(two_rounds_app):
    two_rounds_app.run()
    for key in ("dl_brief", "dl_slides", "dl_data"):
        two_rounds_app.download_button(key=key).click().run()
        assert not two_rounds_app.exception
        assert not two_rounds_app.error
