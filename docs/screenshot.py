"""Redraw docs/img/report.png, the HTML report's screenshot: `python docs/screenshot.py`.

Needs Debian's `chromium` (apt-get install chromium). The page is the bundled what-if scenario.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        page = os.path.join(folder, "report.html")
        subprocess.run([sys.executable, "cli.py", "check", "scenarios/what-if-window.yaml", "--format", "html",
                        "-o", page], cwd=ROOT, check=False)
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", "--hide-scrollbars", "--window-size=1200,1000",
                        "--screenshot=" + os.path.join(ROOT, "docs", "img", "report.png"), "file://" + page],
                       check=True, capture_output=True)


if __name__ == "__main__":
    main()
