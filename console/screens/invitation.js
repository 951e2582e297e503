// #/invitation?token=...: the link of the invitation email. The token is taken out of the address bar at once (it
// stays only in this page's memory), the invited person chooses a password and is signed in.
import { api, refuse, setToken } from '../api.js';
import { field, flash, form, h, input, newPassword } from '../ui.js';

export function invitationScreen(signedIn) {
  const token = new URLSearchParams(location.hash.split('?')[1] || '').get('token') || '';
  if (token) history.replaceState(null, '', location.pathname + '#/invitation');
  if (!token) {
    return h('section', { class: 'narrow' }, h('h1', {}, 'Accept your invitation'),
      h('p', { role: 'alert' }, 'This invitation link is incomplete: open the link from your invitation email again.'));
  }
  const fresh = newPassword('Password');
  const f = form({ 'aria-labelledby': 'invitation-title' }, [
    fresh.wrap,
    field('Repeat the password', input('repeat', { type: 'password', autocomplete: 'new-password' })),
    h('button', { type: 'submit' }, 'Set password and sign in'),
  ], async data => {
    const password = String(data.get('password') || '');
    if (password !== String(data.get('repeat') || '')) throw refuse('repeat', 'does not match the password');
    const session = await api('POST', '/invitations/accept', { token, password });
    setToken(session.token);
    flash('Welcome: your password is set and you are signed in.');
    signedIn('#/account');
  });
  return h('section', { class: 'narrow' },
    h('h1', { id: 'invitation-title' }, 'Accept your invitation'),
    h('p', {}, 'Choose the password you will sign in with, together with the email address you were invited with.'),
    f);
}
