// The add control: lists the symbols the server offers that are not on the board yet.

/**
 * @param {HTMLFormElement} form holding `select[name="symbol"]` and a submit button
 * @param {object} options
 * @param {(symbol: string) => void} options.onAdd the user chose a symbol to add
 * @param {() => void} [options.onOpen] the user is about to choose (the list got focus): a chance to refresh it
 */
export function createPicker(form, { onAdd, onOpen = () => {} }) {
  const select = form.elements.namedItem('symbol');
  const submit = form.querySelector('[type="submit"]');
  /** @type {string[]} every symbol the server offers, in its order */
  let available = [];
  /** @type {Set<string>} */
  let onBoard = new Set();
  let loaded = false;
  /** @type {string[] | null} the choices the list shows now */
  let shown = null;

  select.addEventListener('focus', () => onOpen());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const symbol = select.value;
    if (symbol) onAdd(symbol);
  });

  function render() {
    const choices = available.filter((symbol) => !onBoard.has(symbol));
    // Leave an unchanged list alone: rebuilding it would close it under the user's pointer.
    if (shown && shown.length === choices.length && shown.every((symbol, i) => symbol === choices[i])) return;
    shown = loaded ? choices : null;
    const previous = select.value;
    const previousIndex = select.selectedIndex;
    const page = form.ownerDocument;
    const options = choices.map((symbol) => {
      const option = page.createElement('option');
      option.value = symbol;
      option.textContent = symbol;
      return option;
    });
    if (!options.length) {
      const option = page.createElement('option');
      option.value = '';
      option.textContent = loaded ? 'All symbols added' : 'Loading symbols…';
      options.push(option);
    }
    select.replaceChildren(...options);
    // Keep the choice where it was, so that adding several symbols in a row is Add, Add, Add.
    if (choices.includes(previous)) {
      select.value = previous;
    } else if (choices.length) {
      select.selectedIndex = Math.min(Math.max(previousIndex, 0), choices.length - 1);
    }
    select.disabled = !choices.length;
    submit.disabled = !choices.length;
  }

  return {
    /** @param {string[]} symbols every symbol the server offers */
    setAvailable(symbols) {
      available = symbols;
      loaded = true;
      render();
    },

    /** @param {string[]} symbols the symbols on the board now */
    setOnBoard(symbols) {
      onBoard = new Set(symbols);
      render();
    },
  };
}
