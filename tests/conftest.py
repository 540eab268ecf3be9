import os
import sys
from pathlib import Path

from hypothesis import settings

# Let test modules import the shared helpers in tests/scenehelp.py.
sys.path.insert(0, str(Path(__file__).parent))

# Property tests: a random search on a developer's machine (where a new failing case is found and then
# kept as an explicit @example), the same derived cases in CI, so a landing never hangs on luck.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
