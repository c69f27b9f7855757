// The thin client: starts the bundled language server, and registers the Speakers view, the
// "Export Annotations" and "Restart Server" commands. Everything else is the server's. If
// the server dies, vscode-languageclient restarts it; the user is told each time, never left
// with a silently dead server.

import * as path from "node:path";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { exportAnnotations } from "./exportCommand";
import { SpeakersView } from "./speakersView";

let client: LanguageClient | undefined;

/** Restarts after a crash at most this many times in three minutes, as vscode-languageclient does. */
const MAX_RESTARTS = 4;

function errorHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  const showOutput = (choice: string | undefined) => choice === "Show Output" && output.show(true);
  return {
    error: (error, _message, count) => {
      output.error(`Attaché server connection error: ${error.message}`);
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > 3 * 60_000) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        void vscode.window
          .showErrorMessage(
            `The Attaché language server stopped ${crashes.length} times in three minutes and will not be restarted. Check the output, then run “Attaché: Restart Server”.`,
            "Show Output",
            "Restart Server",
          )
          .then((c) => (c === "Restart Server" ? vscode.commands.executeCommand("attache.restartServer") : showOutput(c)));
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      void vscode.window
        .showWarningMessage(`The Attaché language server stopped unexpectedly and is being restarted (${crashes.length}/${MAX_RESTARTS}).`, "Show Output")
        .then(showOutput);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Attaché", { log: true });
  const module = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "diplomatic-release" },
      { scheme: "untitled", language: "diplomatic-release" },
    ],
    outputChannel: output,
    // The server registers its own file watchers (release globs and the gazetteer) from the settings.
    synchronize: { configurationSection: "attache" },
    errorHandler: errorHandler(output),
  };
  client = new LanguageClient("attache", "Attaché", serverOptions, clientOptions);
  const speakers = new SpeakersView(() => client);
  let stopping = false;
  let notifications: vscode.Disposable | undefined;
  context.subscriptions.push(
    client,
    output,
    speakers,
    { dispose: () => notifications?.dispose() },
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        notifications?.dispose();
        notifications = speakers.attach(client!);
        speakers.refresh();
      } else if (e.newState === State.Stopped && e.oldState === State.Running && !stopping) {
        output.warn("The Attaché language server stopped.");
      }
    }),
    vscode.commands.registerCommand("attache.restartServer", async () => {
      output.info("Restarting the Attaché language server…");
      stopping = true;
      try {
        await client?.restart();
      } finally {
        stopping = false;
      }
      void vscode.window.setStatusBarMessage("Attaché server restarted", 3000);
    }),
    vscode.commands.registerCommand("attache.exportAnnotations", () => exportAnnotations(client)),
    vscode.commands.registerCommand("attache.speakers.refresh", () => speakers.refresh()),
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window
      .showErrorMessage(`The Attaché language server could not start: ${(e as Error).message}`, "Show Output")
      .then((c) => c && output.show(true));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
