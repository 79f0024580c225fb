// @ts-check
// Progress of meeting-package builds without reloading by hand: polls the API and moves the
// progress bars; when no build is waiting or running any more, reloads the page for the download.
// Without JavaScript the "Opdater status" link does the same.

const refresh = document.getElementById('package-refresh');
const meetingId = refresh?.dataset.meetingId;
// Builds the page was rendered with: a new one (the first packages, queued just after the
// release) reloads the page so that it shows them.
const renderedBuildCount = Number(refresh?.dataset.buildCount ?? '0');

async function poll() {
  const response = await fetch(`/api/v1/meetings/${meetingId}/packages`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return;
  /** @type {{ data: Array<{ id: string; status: string; progress: number }> }} */
  const body = await response.json();
  for (const build of body.data) {
    const bar = document.querySelector(`progress[data-build-id="${build.id}"]`);
    if (bar instanceof HTMLProgressElement) {
      bar.value = build.progress;
      bar.textContent = `${build.progress} %`;
    }
  }
  if (body.data.length === 0) {
    setTimeout(poll, 1500);
    return;
  }
  const isIdle = body.data.every(
    (build) => build.status !== 'queued' && build.status !== 'running',
  );
  if (isIdle || body.data.length !== renderedBuildCount) {
    window.location.reload();
    return;
  }
  setTimeout(poll, 1500);
}

if (meetingId) setTimeout(poll, 1500);
