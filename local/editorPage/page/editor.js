// Proposes a destination across origins with the sample editor's token and API key, and an
// Idempotency-Key per submission; shows the status, the headers a page may read, and the body.

/** POST /destination as an editors' page sends it; resolves to what the page can read of the answer. */
async function propose(proposal, idempotencyKey) {
  const config = await (await fetch("/config.json")).json();
  const response = await fetch(config.destinationUrl, {
    method: "POST",
    headers: { ...config.headers, "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(proposal),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const headers = {};
  for (const name of ["Location", "Idempotent-Replayed", "Retry-After", "x-amzn-RequestId"]) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, body };
}

document.getElementById("proposal").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const proposal = {
    name: form.get("name"),
    location: { latitude: Number(form.get("latitude")), longitude: Number(form.get("longitude")) },
  };
  const answer = document.getElementById("answer");
  answer.textContent = "…";
  propose(proposal, crypto.randomUUID()).then(
    (result) => {
      answer.dataset.status = String(result.status);
      answer.textContent = JSON.stringify(result, null, 2);
    },
    (err) => {
      answer.dataset.status = "failed";
      answer.textContent = `The browser refused the answer (${err.message}): is this page's origin in corsOrigins?`;
    },
  );
});
