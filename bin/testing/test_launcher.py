#!/usr/bin/env python3
"""Checks of bin/deltasync with a stand-in java that records its arguments:
python3 -m unittest discover -s bin/testing"""
import os
import subprocess
import tempfile
import time
import unittest

LAUNCHER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "deltasync")

# a java that writes its arguments and environment to $RECORD, makes the archive it is asked to write and exits
# with $EXIT_CODE
FAKE_JAVA = """#!/usr/bin/env bash
printf '%s\\n' "$@" > "$RECORD"
env | grep '^DELTASYNC_' >> "$RECORD"
for a in "$@"; do
    case $a in -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
done
exit "${EXIT_CODE:-0}"
"""


class LauncherTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.jar = os.path.join(self.tmp, "deltasync.jar")
        self.archive = os.path.join(self.tmp, "deltasync.jsa")
        self.record = os.path.join(self.tmp, "args")
        with open(self.jar, "w") as f:
            f.write("jar")
        self.java = os.path.join(self.tmp, "java")
        with open(self.java, "w") as f:
            f.write(FAKE_JAVA)
        os.chmod(self.java, 0o755)

    def run_launcher(self, *args, exit_code=0, **env):
        full = dict(os.environ, DELTASYNC_JAR=self.jar, JAVA=self.java, RECORD=self.record,
                    EXIT_CODE=str(exit_code), **env)
        rc = subprocess.run([LAUNCHER, *args], env=full).returncode
        with open(self.record) as f:
            return rc, f.read().splitlines()

    def test_a_once_run_without_an_archive_writes_one_that_later_runs_use(self):
        rc, args = self.run_launcher("client", "--dir", "d", "--once")
        self.assertEqual(rc, 0)
        self.assertTrue(any(a.startswith("-XX:ArchiveClassesAtExit=" + self.archive + ".") for a in args), args)
        self.assertTrue(os.path.isfile(self.archive))
        self.assertEqual([f for f in os.listdir(self.tmp) if f.endswith(".part")], [])

        rc, args = self.run_launcher("server", "--dir", "d")
        self.assertIn("-XX:SharedArchiveFile=" + self.archive, args)
        self.assertEqual(args[-3:], ["server", "--dir", "d"])
        self.assertFalse([a for a in args if a.startswith("DELTASYNC_JAR")], "the launcher's variables stay with it")

    def test_a_run_that_failed_before_syncing_leaves_no_archive(self):
        rc, args = self.run_launcher("client", "--dir", "d", "--once", exit_code=3)
        self.assertEqual(rc, 3)
        self.assertFalse(os.path.exists(self.archive))
        self.assertEqual(os.listdir(self.tmp).count("deltasync.jsa"), 0)

    def test_an_archive_older_than_the_jar_is_not_used(self):
        with open(self.archive, "w") as f:
            f.write("old")
        past = time.time() - 100
        os.utime(self.archive, (past, past))
        rc, args = self.run_launcher("server", "--dir", "d")
        self.assertFalse([a for a in args if a.startswith("-XX:SharedArchiveFile")], args)
        rc, args = self.run_launcher("client", "--once")
        self.assertTrue(any(a.startswith("-XX:ArchiveClassesAtExit=") for a in args), args)
        self.assertGreater(os.path.getmtime(self.archive), os.path.getmtime(self.jar) - 1)

    def test_only_a_once_run_raises_the_compile_thresholds_and_java_opts_still_win(self):
        with open(self.archive, "w") as f:
            f.write("archive")
        for run in (("client", "--once"), ("client", "--dir", "d", "--once")):
            rc, args = self.run_launcher(*run)
            self.assertIn("-XX:CompileThresholdScaling=4", args)
        rc, args = self.run_launcher("client", "--once", JAVA_OPTS="-XX:CompileThresholdScaling=1")
        self.assertLess(args.index("-XX:CompileThresholdScaling=4"), args.index("-XX:CompileThresholdScaling=1"))
        for run in (("server", "--dir", "d"), ("client", "--dir", "d")):
            rc, args = self.run_launcher(*run)
            self.assertFalse([a for a in args if "CompileThresholdScaling" in a], args)

    def test_cds_off_is_plain_java_jar(self):
        rc, args = self.run_launcher("client", "--once", DELTASYNC_CDS="off")
        self.assertEqual(args[:2], ["-jar", self.jar])
        self.assertFalse(os.path.exists(self.archive))


if __name__ == "__main__":
    unittest.main()
