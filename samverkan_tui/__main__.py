from samverkan_tui.cli import main

main()
