// Entry point of the bundled language server (dist/server.js). The transport (stdio or
// node IPC) is chosen from the command line, as vscode-languageserver does.
import { startServer } from "./lsp/start";

startServer();
