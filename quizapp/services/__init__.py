"""Services: one module per aggregate (accounts, articles, attempts, classrooms, quizzes, …).

Each module is the one place that changes its aggregate and commits it; views call one service
function per request. ``access`` holds the one rule for which teacher-owned objects a teacher may
read and change.
"""
