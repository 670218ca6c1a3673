// Copy buttons for the example API calls on the home page.
document.querySelectorAll(".jc-example").forEach((box) => {
  const button = box.querySelector(".jc-copy");
  const code = box.querySelector("code");
  if (!button || !code) return;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(code.innerText);
      button.textContent = "已复制 Copied";
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = "已选中 Selected";
    }
    setTimeout(() => { button.textContent = "复制 Copy"; }, 2000);
  });
});
