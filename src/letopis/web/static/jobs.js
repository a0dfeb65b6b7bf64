// Letopis web app: an upload job's page follows the job (GET /api/jobs/ID each second) until it ends, then
// shows the final page. No library, nothing from another host.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !/^(queued|running)$/.test(box.dataset.state)) return;
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(box.dataset.job), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) return setTimeout(poll, 3000);
        document.getElementById("job-done").textContent = job.done;
        document.getElementById("job-failed").textContent = job.failed;
        if (job.state !== box.dataset.state) { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
