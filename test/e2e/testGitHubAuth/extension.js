// The journeys' GitHub sign-in: the same provider id as the host tests' TestGitHubAuth (test/integration/wizardFakes.ts),
// declared in this manifest so the workbench knows it before it activates. The token only opens the local GitHub
// stand-in (test/integration/releaseFakes.ts), which accepts any token. Plain JavaScript: loaded from this folder as is.
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  /** @type {vscode.AuthenticationSession[]} */
  let sessions = [];
  const changed = new vscode.EventEmitter();
  context.subscriptions.push(
    changed,
    vscode.authentication.registerAuthenticationProvider('trusted-publishing-test-github', 'Test GitHub', {
      onDidChangeSessions: changed.event,
      getSessions: async () => sessions,
      createSession: async (scopes) => {
        const session = { id: 'journey-session', accessToken: 'dummy-token-for-journeys', account: { id: '1', label: 'journey-user' }, scopes: [...scopes] };
        sessions = [session];
        changed.fire({ added: [session], removed: [], changed: [] });
        return session;
      },
      removeSession: async () => {
        const removed = sessions;
        sessions = [];
        changed.fire({ added: [], removed, changed: [] });
      },
    }),
  );
}

module.exports = { activate, deactivate() {} };
