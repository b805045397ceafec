"""The accessibility checker (axe-core) on every page the URL walk reaches, as a coordinator and
as a teacher: no serious or critical violation anywhere.

axe-core is vendored for the tests only (tests/browser/vendor/axe.min.js, version in AXE_VERSION,
licence beside it); the product never serves it.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.urlwalk import POST_ONLY, all_routes, expected_status, url_kwargs

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
BLOCKING = {"serious", "critical"}

# The checker comes in through the devtools protocol (an init script, then evaluate), so that the
# pages' own Content-Security-Policy (script-src 'self') neither blocks it nor makes room for it.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def page_urls(world, vision, persona):
    """Every GET page the persona may open (the URL walk answers 200 for it), as a URL."""
    return [
        reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
        for route in all_routes()
        if route.name not in POST_ONLY and expected_status(route, persona) == 200
    ]


def blocking_violations(page, where):
    """The serious and critical violations on the page as it is now, one line per element."""
    return [
        f"{violation['id']} ({violation['impact']}) on {where} at {target}: {violation['help']}"
        for violation in page.evaluate(RUN_AXE)
        if violation["impact"] in BLOCKING
        for target in violation["targets"]
    ]


def violations_on(page, urls):
    """Open each URL in the same browser page and collect its serious and critical violations."""
    page.context.add_init_script(path=AXE)
    found = []
    checked = 0
    for url in urls:
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a file download is no page to check
            if "Download is starting" in str(error):
                continue
            raise
        assert response.status == 200, f"{url} answered {response.status}"
        if not response.headers["content-type"].startswith("text/html"):
            continue
        checked += 1
        found.extend(blocking_violations(page, url))
    assert checked > 20, "the walk reached too few pages"
    return found


@pytest.mark.parametrize("persona", ["coordinator", "teacher"])
def test_no_serious_accessibility_violation_on_any_page(
    persona, transactional_db, world, vision, page, log_in_as
):
    urls = page_urls(world, vision, persona)
    log_in_as(world.users[persona])

    found = violations_on(page, urls)
    # A form sent back with errors: summary, messages by the fields, invalid controls.
    page.goto(reverse("pdca:new", kwargs={"school_slug": world.school.slug}))
    page.locator("main form button[type=submit]").last.click()
    page.locator("#form-errors").wait_for()
    found.extend(blocking_violations(page, "a cycle form with errors"))

    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)
