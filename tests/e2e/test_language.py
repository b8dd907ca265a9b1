"""Language of the installed-style program: the Chinese catalogue embedded in
the executable answers --help and errors; --language beats the saved choice
(QSettings), which beats the system locale; a bad --language exits 2 with one
line. Log keys and event names stay English whatever the language."""

import os
import re
import shutil
import tempfile

import swtest
from swtest import AppTestCase

CHINESE_HELP = "显示本帮助并退出。"
ENGLISH_HELP = "Show this help and exit."
# Qt itself may warn on stderr about the environment (not about our options).
QT_NOISE = re.compile(r"^(QStandardPaths: |qt\.qpa\.)")


def error_lines(app):
    return [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]


class Language(AppTestCase):
    def setUp(self):
        # A settings folder of its own: the user's saved language stays out.
        self.config = tempfile.mkdtemp(prefix="sw-e2e-config-")
        self.addCleanup(shutil.rmtree, self.config, True)

    def env(self, **extra):
        env = {"XDG_CONFIG_HOME": self.config}
        env.update(extra)
        return env

    def save_language(self, language):
        folder = os.path.join(self.config, "socket-workbench")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "socket-workbench.conf"), "w", encoding="utf-8") as f:
            f.write("[General]\nlanguage=%s\n" % language)

    def help_text(self, args, **env):
        app = self.start_app(["--help"] + args, log=False, no_window=False, env=self.env(**env))
        self.assertEqual(app.wait_exit(10), 0, app.describe())
        return "\n".join(app.stdout_lines())

    def test_help_in_each_language(self):
        text = self.help_text(["--language", "zh_CN"])
        self.assertIn(CHINESE_HELP, text)
        self.assertIn("--language", text)
        self.assertIn(ENGLISH_HELP, self.help_text(["--language", "en"]))

    def test_system_locale(self):
        self.assertIn(CHINESE_HELP, self.help_text([], LC_ALL="zh_CN.UTF-8", LANG="zh_CN.UTF-8"))
        self.assertIn(CHINESE_HELP, self.help_text([], LANGUAGE="zh_CN"))
        # Traditional Chinese has no catalogue: English, not Simplified.
        self.assertIn(ENGLISH_HELP, self.help_text([], LC_ALL="zh_TW.UTF-8", LANG="zh_TW.UTF-8"))
        self.assertIn(ENGLISH_HELP, self.help_text([]))  # C.UTF-8

    def test_saved_choice_and_command_line(self):
        self.save_language("zh_CN")
        self.assertIn(CHINESE_HELP, self.help_text([]))
        self.assertIn(ENGLISH_HELP, self.help_text(["--language", "en"]))
        self.save_language("en")
        self.assertIn(ENGLISH_HELP, self.help_text([], LC_ALL="zh_CN.UTF-8", LANG="zh_CN.UTF-8"))

    def test_bad_language_exits_2_with_one_line(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--language", "fr"], env=self.env())
        self.assertEqual(app.wait_exit(10), 2, app.describe())
        err = error_lines(app)
        self.assertEqual(err, ["socket-workbench: --language: no translation for “fr”; use one of en, zh_CN"])

    def test_errors_in_chinese(self):
        app = self.start_app(["--language", "zh_CN", "--tcp-server", "127.0.0.1:99999"], env=self.env())
        self.assertEqual(app.wait_exit(10), 2, app.describe())
        err = error_lines(app)
        self.assertEqual(len(err), 1, err)
        self.assertTrue(err[0].startswith("socket-workbench: --tcp-server: "), err)
        self.assertIn("不是端口", err[0])

    def test_log_keys_stay_english(self):
        app = self.start_app(["--language", "zh_CN", "--tcp-server", "127.0.0.1:0"], env=self.env())
        app.wait_listening()
        events = self.stop_and_read(app)
        listening = swtest.select(events, event="listening")
        self.assertEqual(len(listening), 1, events)
        self.assertEqual(listening[0]["session"], "tcp-server")
        self.assertIn("监听", listening[0]["message"])


if __name__ == "__main__":
    swtest.main()
