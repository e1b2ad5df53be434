"""The Qt binding and Python in use survive a QTimer driving a Python slot 100,000 times.

PySide6 6.12 on CPython 3.11 aborts with "Fatal Python error: none_dealloc" after a few thousand calls;
pyproject keeps that pair out, and this test proves the pair actually installed. It runs in a child process
so that an abort is reported as a failure instead of killing the test run.
"""

import subprocess
import sys

SOAK = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

class Counter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    @Slot()
    def tick(self):
        self.count += 1
        if self.count >= 100_000:
            app.quit()

app = QCoreApplication(sys.argv)
counter = Counter()
timer = QTimer()
timer.setInterval(0)
timer.timeout.connect(counter.tick)
timer.start()
app.exec()
print(counter.count)
"""


def test_a_qtimer_drives_a_python_slot_100000_times():
    result = subprocess.run([sys.executable, "-c", SOAK], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "100000"


def test_the_installed_pair_is_a_supported_one():
    import PySide6

    qt = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    assert sys.version_info >= (3, 12) or qt < (6, 12), f"PySide6 {PySide6.__version__} on {sys.version}"
