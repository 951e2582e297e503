// The Jobs screen: the account's offboarding and agency jobs (GET /jobs), with their status.
import { all, enc, paged } from '../api.js';
import { date, field, h, pagedTable, select } from '../ui.js';
import { STEPS } from './wizard.js';

const STATUS = { RUNNING: 'running', WAITING_FOR_PURGE: 'user deleted, waiting for the purge', SUCCEEDED: 'done',
  FAILED: 'failed' };
const NAMES_KEY = 'cloudphone.jobNames';

/** Remembers, for this tab, whom a job was about: the job itself names only the user's id. */
export function rememberJob(jobId, userId, name) {
  const names = JSON.parse(sessionStorage.getItem(NAMES_KEY) || '{}');
  names[userId] = name;
  sessionStorage.setItem(NAMES_KEY, JSON.stringify(names));
}

export async function jobsScreen() {
  const wanted = new URLSearchParams(location.hash.split('?')[1] || '').get('status') || '';
  const [jobs, users] = await Promise.all([
    paged('/jobs' + (wanted ? '?status=' + enc(wanted) : '')), all('/users')]);
  const names = { ...JSON.parse(sessionStorage.getItem(NAMES_KEY) || '{}'),
    ...Object.fromEntries(users.map(u => [u.userId, u.displayName])) };
  const filter = select('status', [['', 'Any status'], ...Object.entries(STATUS).map(([k, v]) => [k, v])]);
  filter.value = wanted;
  filter.addEventListener('change', () => {
    location.hash = '#/jobs' + (filter.value ? '?status=' + filter.value : '');
  });
  return h('section', {},
    h('h1', {}, 'Jobs'),
    field('Show jobs that are', filter),
    pagedTable('Offboarding and agency jobs, newest first', ['Job', 'User', 'Status', 'Last step done', 'Problem', 'Started'],
      jobs, j => h('tr', {},
        h('td', {}, j.jobId), h('td', {}, names[j.userId] || j.userId),
        h('td', {}, STATUS[j.status] || j.status), h('td', {}, (STEPS.find(([step]) => step === j.currentStep) || [null, j.currentStep || ''])[1]),
        h('td', {}, j.error ? j.error.message : ''), h('td', {}, date(j.createdAt))), 'jobs'));
}
