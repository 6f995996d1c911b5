// jsdom has no dialogs: the confirmation of irreversible actions answers "yes" unless a test stubs it.
window.confirm = () => true;
