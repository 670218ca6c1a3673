// Copy buttons: the example API calls on the home page (the code beside the button) and any
// button with data-copy (the full SHA-256 of a download).
function jcCopyButton(button, text) {
  const label = button.textContent;
  button.addEventListener("click", async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = "已复制 Copied";
    } catch (e) {
      const target = button.previousElementSibling;
      if (target) {
        if (button.dataset.copy) target.textContent = value;  // the whole value, to copy by hand
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      button.textContent = "已选中 Selected";
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}

document.querySelectorAll(".jc-example").forEach((box) => {
  const button = box.querySelector(".jc-copy");
  const code = box.querySelector("code");
  if (button && code) jcCopyButton(button, () => code.innerText);
});

document.querySelectorAll("button[data-copy]").forEach((button) => {
  jcCopyButton(button, () => button.dataset.copy);
});
