"""Passwords attackers try first, lower-case: quizapp.services.passwords refuses them, and the same word
with digits or signs appended ("passwort2025!").

Drawn from the most frequent entries of public breach lists (English and German-speaking), plus
words of a school. Short entries matter as stems: "schule" refuses "Schule2025!". Add a line to
refuse another; keep them lower-case.
"""

COMMON_PASSWORDS = frozenset("""
password passwort passwords password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword
passwort1 passwort12 passwort123 passwort1234 kennwort geheim geheimnis secret topsecret
123456789 1234567890 12345678910 0123456789 9876543210 1111111111 0000000000 1212121212
123123123 1231231230 147258369 1472583690 159753 1597532486 741852963 963852741 789456123
qwerty qwertz qwertyuiop qwertzuiop qwerty123 qwertz123 qwerty1234 qwertz1234 qwertyuiop123
asdfgh asdfghjkl asdfghjklö yxcvbnm zxcvbnm 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1qay2wsx zaq12wsx
abc123 abcdef abcdefg abcdefgh abcdefghij iloveyou ichliebedich liebe schatz schatzi
letmein welcome willkommen hello hallo hallo123 hallo1234 hallihallo servus gruezi grüezi
admin administrator administrateur root changeme change sommer winter fruehling frühling herbst
monday montag dienstag mittwoch donnerstag freitag samstag sonntag
januar februar maerz märz april mai juni juli august september oktober november dezember
january february march june july october december
football fussball fußball soccer baseball basketball hockey eishockey tennis superman batman spiderman
dragon monkey shadow master sunshine princess prinzessin starwars pokemon minecraft fortnite
trustno1 whatever computer internet samsung iphone apple google microsoft windows linux
schule school lehrer lehrerin teacher klasse schueler schüler student students quiz quizapp
schweiz switzerland suisse svizzera zuerich zürich zurich bern basel luzern genf geneve
deutschland germany oesterreich österreich berlin muenchen münchen wien hamburg
blink182 charlie michael thomas daniel andreas stefan christian sandra nicole jennifer jessica
matrix killer freedom summer loveyou lovely flower blume sonne sonnenschein mausi hase schnecke
bayern borussia schalke fcbasel youngboys
""".split())
