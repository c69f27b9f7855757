// The thin client: starts the bundled language server, registers the document selector,
// an output channel and the "Restart Attaché Server" command. Everything else is the server's.

import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

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
    synchronize: { configurationSection: "attache" },
  };
  client = new LanguageClient("attache", "Attaché", serverOptions, clientOptions);
  context.subscriptions.push(
    client,
    output,
    vscode.commands.registerCommand("attache.restartServer", async () => {
      output.info("Restarting the Attaché language server…");
      await client?.restart();
      void vscode.window.setStatusBarMessage("Attaché server restarted", 3000);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
